package kiosk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"frontoffice/internal/web"
	"net/http"
	"slices"
	"sync"
	"time"

	fo "frontoffice"
)

// Queue board for the lobby TV.
//
// /board renders today's board on the server, so that it shows something
// even before its script runs. The script then listens to /board/events, a
// server-sent event stream that sends the whole board at connect and again
// within moments of every change (store.BoardChanged: a call, a check-in).
// The browser's EventSource reconnects by itself after a server restart
// (the stream asks for 1 s between retries), and every connect redraws from
// store.Board(), so nothing is lost. /board/state returns the same JSON for
// polling where EventSource is missing. Every call (a recall too) chimes
// and, where the browser has a Chinese voice, is announced "请 A001 号到前台"
// (board.js; sound once enabled by a tap, remembered). Plates on the board come masked from
// the store (京A·***45) and are masked here again; the board never shows
// names or phones.

// boardHeartbeat is how often an idle stream sends a comment line, which
// keeps the connection open through idle timeouts and lets the server
// notice a TV that went away. The board is also re-read then, so that it
// turns over at midnight without an event.
const boardHeartbeat = 15 * time.Second

// maxBoardStreams is how many board event streams are open at once. A
// lobby has one or two TVs; the rest is someone else. A stream over the
// cap is refused with 503, and the page then polls /board/state (board.js).
const maxBoardStreams = 32

// boardStreams tracks the open event streams so that shutdown can end
// them, counts them against maxBoardStreams, and keeps the board's state
// computed once per change and shared by every reader.
type boardStreams struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
	open   int

	cache boardCache
}

// boardCache is the board as last read from the store: the view, its JSON,
// and the store's change channel watched before that read, which closes at
// the next change. It is read again after a change, or when it is older
// than boardHeartbeat (so that it turns over at midnight).
type boardCache struct {
	mu      sync.Mutex
	view    boardView
	js      []byte
	changed <-chan struct{}
	at      time.Time
}

// enter counts a new stream; false when maxBoardStreams are open.
func (b *boardStreams) enter() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.open >= maxBoardStreams {
		return false
	}
	b.open++
	return true
}

func (b *boardStreams) leave() {
	b.mu.Lock()
	b.open--
	b.mu.Unlock()
}

// doneCh returns the channel closed by CloseBoardStreams.
func (b *boardStreams) doneCh() chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done == nil {
		b.done = make(chan struct{})
	}
	return b.done
}

// CloseBoardStreams ends every open board event stream, now and for later
// requests. http.Server.Shutdown waits for active requests, and an event
// stream never ends by itself: register this with
// http.Server.RegisterOnShutdown. The TVs reconnect to the next server.
func (s *Server) CloseBoardStreams() {
	b := &s.kiosk.board
	ch := b.doneCh()
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(ch)
	}
}

// boardRoutes adds the board's page, its event stream and its JSON.
func (s *Server) boardRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /board", s.boardPage)
	mux.HandleFunc("GET /board/{$}", s.boardPage)
	mux.HandleFunc("GET /board/events", s.boardEvents)
	mux.HandleFunc("GET /board/state", s.boardState)
}

// boardCall is one called number as the board shows it. At (Unix
// milliseconds of the call) tells the page a new call, a recall of the
// same number included: it chimes and announces it (board.js).
type boardCall struct {
	QueueNo string `json:"queue_no"`
	Plate   string `json:"plate"` // masked
	At      int64  `json:"at"`
}

// CallID names the call now shown, as board.js compares it: "A001@<at>";
// "" when none.
func (v boardView) CallID() string {
	if v.Now == nil {
		return ""
	}
	return fmt.Sprintf("%s@%d", v.Now.QueueNo, v.Now.At)
}

// boardView is the board as the page and its script draw it.
type boardView struct {
	Day     string      `json:"day"`
	Now     *boardCall  `json:"now"`
	Recent  []boardCall `json:"recent"`
	Waiting int         `json:"waiting"`
	Version uint64      `json:"version"`
	Shop    string      `json:"-"`
	ShopEn  string      `json:"-"`
}

// boardRecent is how many earlier calls the board lists.
const boardRecent = 5

// board returns today's board: the shared snapshot (boardSnapshot).
func (s *Server) board() (boardView, error) {
	v, _, _, err := s.boardSnapshot()
	return v, err
}

// boardSnapshot returns the board, its JSON and a channel that closes at
// the board's next change. The store is read once per change (or per
// heartbeat), however many TVs and pollers ask: every reader shares it.
func (s *Server) boardSnapshot() (boardView, []byte, <-chan struct{}, error) {
	c := &s.kiosk.board.cache
	now := s.cfg.Clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	fresh := c.js != nil && now.Sub(c.at) < boardHeartbeat && now.Sub(c.at) >= 0
	if fresh {
		select {
		case <-c.changed:
			fresh = false
		default:
		}
	}
	if !fresh {
		// Watch before reading, so that a change between the read and
		// the wait is not missed.
		changed := s.cfg.Store.BoardChanged()
		b, err := s.cfg.Store.Board()
		if err != nil {
			return boardView{}, nil, nil, err
		}
		v := newBoardView(b)
		js, err := json.Marshal(v)
		if err != nil {
			return boardView{}, nil, nil, err
		}
		c.view, c.js, c.changed, c.at = v, js, changed, now
	}
	v := c.view
	v.Recent = slices.Clone(v.Recent)
	return v, c.js, c.changed, nil
}

func newBoardView(b fo.Board) boardView {
	v := boardView{Day: b.Day, Waiting: b.Waiting, Version: b.Version, Recent: []boardCall{}}
	if b.Now != nil {
		v.Now = &boardCall{QueueNo: b.Now.QueueNo, Plate: remask(b.Now.Plate), At: b.Now.At.UnixMilli()}
	}
	for i, c := range b.Recent {
		if i == boardRecent {
			break
		}
		v.Recent = append(v.Recent, boardCall{QueueNo: c.QueueNo, Plate: remask(c.Plate), At: c.At.UnixMilli()})
	}
	return v
}

// remask masks a plate that the store should have masked already: a
// plate that still parses as a full plate is masked; anything else is kept.
func remask(p string) string {
	if full, err := fo.ParsePlate(p); err == nil {
		return fo.MaskPlate(full)
	}
	return p
}

// boardPage renders the board with today's calls, in Chinese and English
// at once (a TV has no language switch).
func (s *Server) boardPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.board()
	if err != nil {
		s.log.Error("board", "err", err)
		web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
		return
	}
	if st, err := s.cfg.Store.Settings(); err == nil {
		v.Shop, v.ShopEn = st.ShopName(fo.ZH), st.ShopName(fo.EN)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "board_page", v)
}

// boardState returns the board as JSON (the polling fallback).
func (s *Server) boardState(w http.ResponseWriter, r *http.Request) {
	_, js, _, err := s.boardSnapshot()
	if err != nil {
		s.log.Error("board", "err", err)
		web.PlainError(w, s.texts, http.StatusInternalServerError, "http.internal")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(js, '\n'))
}

// boardEvents streams the board as server-sent events: an event "board"
// with the board's JSON at connect and after every change, a comment line
// as heartbeat. It ends when the client goes, or at CloseBoardStreams.
// At most maxBoardStreams are open; one more is refused with 503 (the
// page then polls). Every stream sends the shared snapshot
// (boardSnapshot), and clears the server's write timeout.
func (s *Server) boardEvents(w http.ResponseWriter, r *http.Request) {
	if !s.kiosk.board.enter() {
		// Over the cap: the page polls /board/state instead.
		w.Header().Set("Retry-After", "60")
		web.PlainError(w, s.texts, http.StatusServiceUnavailable, "b.busy")
		return
	}
	defer s.kiosk.board.leave()
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	done := s.kiosk.board.doneCh()
	beat := time.NewTicker(boardHeartbeat)
	defer beat.Stop()
	var last []byte
	for {
		v, js, changed, err := s.boardSnapshot()
		if err != nil {
			s.log.Error("board events", "err", err)
			return
		}
		if !bytes.Equal(js, last) {
			if _, err := fmt.Fprintf(w, "event: board\nid: %d\ndata: %s\n\n", v.Version, js); err != nil {
				return
			}
			last = js
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-changed:
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": beat\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-done:
			return
		}
	}
}
