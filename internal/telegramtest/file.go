package telegramtest

import (
	"net/http"
	"strings"
	"sync"
)

// Files sent by users (photos, documents) can be fetched as Telegram's
// are: getFile answers a file_path, and GET <server>/file/bot<token>/<path>
// returns the bytes. Every file_id has bytes (FileData: set ones, or
// "telegramtest file <id>"); FailDownload makes the next downloads of a
// file fail, as a flaky network or Telegram's file server would.

// files is the fake file server's state, kept apart from the API's.
type files struct {
	mu        sync.Mutex
	data      map[string][]byte
	fail      map[string]int // file_id → downloads still to fail
	downloads map[string]int // file_id → downloads served (ok or failed)
}

func (f *files) init() {
	if f.data == nil {
		f.data, f.fail, f.downloads = map[string][]byte{}, map[string]int{}, map[string]int{}
	}
}

// SetFile gives file_id the bytes data.
func (s *Server) SetFile(fileID string, data []byte) {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	s.files.init()
	s.files.data[fileID] = data
}

// FileData returns the bytes a download of file_id returns.
func (s *Server) FileData(fileID string) []byte {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	s.files.init()
	if d, ok := s.files.data[fileID]; ok {
		return d
	}
	return []byte("telegramtest file " + fileID)
}

// FailDownload makes the next n downloads of file_id answer 502.
func (s *Server) FailDownload(fileID string, n int) {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	s.files.init()
	s.files.fail[fileID] += n
}

// Downloads returns how many downloads of file_id were asked for.
func (s *Server) Downloads(fileID string) int {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	s.files.init()
	return s.files.downloads[fileID]
}

// FileEndpoint returns the file download endpoint in the form
// "http://127.0.0.1:port/file/bot%s/%s" (token, file_path).
func (s *Server) FileEndpoint() string { return s.srv.URL + "/file/bot%s/%s" }

// filePath is the file_path getFile gives file_id.
func filePath(fileID string) string { return "photos/" + fileID + ".jpg" }

// getFile answers the getFile method.
func (s *Server) getFile(p map[string]string) (any, int, *Failure) {
	id := p["file_id"]
	if id == "" {
		return nil, 0, badRequest("file_id is empty")
	}
	size := len(s.FileData(id))
	return map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_size": size, "file_path": filePath(id)}, 0, nil
}

// serveFile answers a download: /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	tok, path, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/file/bot"), "/")
	if !ok || tok != s.token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	id, ok := strings.CutSuffix(strings.TrimPrefix(path, "photos/"), ".jpg")
	if !ok || id == "" {
		http.NotFound(w, r)
		return
	}
	s.files.mu.Lock()
	s.files.init()
	s.files.downloads[id]++
	failing := s.files.fail[id] > 0
	if failing {
		s.files.fail[id]--
	}
	s.files.mu.Unlock()
	s.record(Call{Method: "download", Params: map[string]string{"file_id": id}, Code: map[bool]int{true: 502, false: 200}[failing]})
	if failing {
		http.Error(w, "Bad Gateway", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(s.FileData(id))
}
