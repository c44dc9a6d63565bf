package web

import (
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	fo "frontoffice"
	"frontoffice/internal/catalogtest"
)

// The shared answers' catalog: both languages, no key shared with the
// domain's, every key used, none used but missing.
func TestTextsCatalog(t *testing.T) {
	catalogtest.Run(t, catalogtest.Check{
		Own: Texts, Parts: []fo.Catalog{fo.Texts, Texts}, All: fo.Texts.Merge(Texts),
		Dirs: []string{"."}, Module: "../..",
	})
}

// One place maps the domain's errors to HTTP statuses (STYLE 5).
func TestErrorStatus(t *testing.T) {
	for _, c := range []struct {
		err  error
		want int
	}{
		{fo.Errorf(fo.EINVALID, "err.plate"), http.StatusUnprocessableEntity},
		{fo.ErrSlotTaken, http.StatusConflict},
		{fo.Errorf(fo.ENOTFOUND, "err.not_found"), http.StatusNotFound},
		{fo.Errorf(fo.EFORBIDDEN, "err.forbidden"), http.StatusForbidden},
		{errors.New("disk on fire"), http.StatusInternalServerError},
	} {
		if got := ErrorStatus(c.err); got != c.want {
			t.Errorf("ErrorStatus(%v) = %d, want %d", c.err, got, c.want)
		}
	}
	// An internal error is never the user's to mend: no key to show.
	if _, _, ok := ErrorKey(fo.Texts, errors.New("disk on fire")); ok {
		t.Error("an internal error has a user text")
	}
	if k, _, ok := ErrorKey(fo.Texts, fo.Errorf(fo.EINVALID, "err.plate")); !ok || k != "err.plate" {
		t.Errorf("ErrorKey = %q %v", k, ok)
	}
}

// A template that fails half-way answers a plain 500, never half a page.
func TestRenderWholeOrNothing(t *testing.T) {
	rd := Renderer{Tmpl: mustHTML(t, `{{define "p"}}<p>start {{index . 3}} end</p>{{end}}`), Log: discard(), Texts: Texts}
	w := httptest.NewRecorder()
	rd.Render(w, httptest.NewRequest("GET", "/x", nil), http.StatusOK, "p", []int{1})
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "start") {
		t.Errorf("got %d %q, want a plain 500", w.Code, w.Body.String())
	}
	if !strings.Contains(w.Body.String(), "internal error / 系统错误") {
		t.Errorf("body %q lacks the bilingual answer", w.Body.String())
	}
}

func mustHTML(t *testing.T, src string) *template.Template {
	t.Helper()
	return template.Must(template.New("").Parse(src))
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
