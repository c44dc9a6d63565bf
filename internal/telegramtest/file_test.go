package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// getFile answers a path for any file_id, the file endpoint serves its
// bytes (set ones or the default), FailDownload fails the next downloads,
// and a wrong token is refused.
func TestGetFileAndDownload(t *testing.T) {
	s := New(t, Options{})
	api := newAPI(t, s)
	s.SetFile("AgAD-l", []byte("\xff\xd8\xff photo"))
	download := func(id string) (int, string) {
		t.Helper()
		resp, err := api.Request(tgbotapi.FileConfig{FileID: id})
		if err != nil {
			t.Fatal(err)
		}
		var f tgbotapi.File
		if err := json.Unmarshal(resp.Result, &f); err != nil || f.FilePath == "" || f.FileID != id {
			t.Fatalf("getFile: %+v %v", f, err)
		}
		r, err := http.Get(fmt.Sprintf(s.FileEndpoint(), Token, f.FilePath))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	if code, body := download("AgAD-l"); code != 200 || body != "\xff\xd8\xff photo" {
		t.Fatalf("download: %d %q", code, body)
	}
	if code, body := download("other"); code != 200 || body != "telegramtest file other" {
		t.Fatalf("default bytes: %d %q", code, body)
	}
	s.FailDownload("AgAD-l", 2)
	for i := range 2 {
		if code, _ := download("AgAD-l"); code != http.StatusBadGateway {
			t.Fatalf("failing download %d: %d", i, code)
		}
	}
	if code, _ := download("AgAD-l"); code != 200 {
		t.Fatalf("after the failures: %d", code)
	}
	if n := s.Downloads("AgAD-l"); n != 4 {
		t.Fatalf("downloads counted: %d", n)
	}
	r, err := http.Get(fmt.Sprintf(s.FileEndpoint(), "123:wrong-token-xxxxxxxx", "photos/AgAD-l.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong token: %d", r.StatusCode)
	}
}
