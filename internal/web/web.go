// Package web holds what the shop's two web doors share: the anonymous
// lobby (package kiosk: the kiosk and the queue board) and the staff
// console behind a login (package console). Each door parses its own
// templates once at start and embeds its own assets; this package renders
// a page into a buffer so that a template error becomes a 500 page, sets
// the security headers every page carries, serves embedded assets, maps
// domain errors to an HTTP status and a text in the user's language, and
// reads the client's address (through trusted proxies only). It knows nothing of either door's screens.
package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"

	fo "frontoffice"
)

// sharedFS holds the assets both doors use (the complaint and survey
// screens' styles, /static/aftersales.css).
//
//go:embed static
var sharedFS embed.FS

// Shared returns the assets both doors use, rooted at their names under
// /static/.
func Shared() fs.FS {
	f, _ := fs.Sub(sharedFS, "static")
	return f
}

// Funcs are the template functions shared by all pages of both doors;
// t looks keys up in texts.
func Funcs(texts fo.Catalog) template.FuncMap {
	return template.FuncMap{
		"t":         func(lang fo.Lang, key string, args ...any) string { return texts.T(lang, key, args...) },
		"maskPlate": func(p string) string { return fo.MaskPlate(p) },
		"maskPhone": func(p string) string { return fo.MaskPhone(p) },
		"plate":     func(p string) string { return fo.FormatPlate(p) },
	}
}

// Texts are the plain-text answers both doors give when no page can be
// shown; each door merges them into its catalog.
var Texts = fo.Catalog{
	"http.internal":  {Zh: "系统错误", En: "internal error"},
	"http.forbidden": {Zh: "禁止访问", En: "forbidden"},
	"http.login":     {Zh: "请先登录", En: "login required"},
	"http.bad_form":  {Zh: "表单有误", En: "bad form"},

	// The signature pad (signature.go, INT-4).
	"err.signature.empty": {Zh: "请先在框内用手指签名。", En: "Please sign with your finger in the box first."},
	"err.signature.bad":   {Zh: "签名图像无法读取，请清除后重新签名。", En: "The signature could not be read; please clear it and sign again."},
}

// PlainError answers status with the text of key in English and Chinese
// ("forbidden / 禁止访问"): the answer of a request that no page can
// serve, before the visitor's language is known.
func PlainError(w http.ResponseWriter, texts fo.Catalog, status int, key string) {
	http.Error(w, texts.T(fo.EN, key)+" / "+texts.T(fo.ZH, key), status)
}

// Renderer renders a door's pages; Texts holds the "http.*" keys.
type Renderer struct {
	Tmpl  *template.Template
	Log   *slog.Logger
	Texts fo.Catalog
}

// Render executes template name into a buffer and writes it with status:
// a template error becomes a 500 page, never half a page.
func (rd Renderer) Render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := rd.Tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		rd.Log.Error("render", "template", name, "path", r.URL.Path, "err", err)
		PlainError(w, rd.Texts, http.StatusInternalServerError, "http.internal")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// SecurityHeaders sets the headers every page carries: no framing, no
// sniffing, no referrer, and a content security policy that allows nothing
// from outside the machine.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		next.ServeHTTP(w, r)
	})
}

// Static serves embedded assets with a day of caching; a directory is not
// found.
func Static(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// StaticFiles mounts every file of fsys on mux as GET /static/<name>,
// behind the security headers, so that the two doors can put their assets
// on one mux side by side. It returns the patterns it registered.
func StaticFiles(mux *http.ServeMux, fsys fs.FS) []string {
	h := SecurityHeaders(http.StripPrefix("/static/", Static(fsys)))
	var out []string
	fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		p := "GET /static/" + path
		mux.Handle(p, h)
		out = append(out, p)
		return nil
	})
	return out
}

// ErrorStatus maps a domain error to an HTTP status.
func ErrorStatus(err error) int {
	switch fo.ErrorCode(err) {
	case fo.EINVALID:
		return http.StatusUnprocessableEntity
	case fo.ENOTFOUND:
		return http.StatusNotFound
	case fo.ECONFLICT:
		return http.StatusConflict
	case fo.EFORBIDDEN:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// ErrorText is the message for err in both languages (fo.ErrorText).
func ErrorText(err error) *fo.Text {
	return &fo.Text{Zh: fo.ErrorText(fo.ZH, err), En: fo.ErrorText(fo.EN, err)}
}

// ErrorKey returns the text key of a domain error that is the user's to
// mend (any code but EINTERNAL) and whose key texts holds, with its
// arguments; ok is false for anything else, which the caller logs and
// apologises for.
func ErrorKey(texts fo.Catalog, err error) (key string, args []any, ok bool) {
	var e *fo.Error
	if errors.As(err, &e) && e.Code != fo.EINTERNAL {
		if _, ok := texts[e.Key]; ok {
			return e.Key, e.Args, true
		}
	}
	return "", nil, false
}

// ClientIP is the client's address without the port, as every limiter
// keys it: the address TrustProxies found (the rightmost address of
// X-Forwarded-For that is not a trusted proxy), else the connection's.
// Without TrustProxies in front, X-Forwarded-For is never read: a shop
// reached directly on its LAN sees its clients' own addresses.
func ClientIP(r *http.Request) string {
	if ip, ok := r.Context().Value(clientIPKey{}).(string); ok {
		return ip
	}
	return remoteIP(r)
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap().WithZone("").String()
	}
	return host
}

type clientIPKey struct{}

// Proxies are the addresses of the reverse proxies (a TLS proxy in front
// of the shop) whose X-Forwarded-For is believed
// (FRONTOFFICE_TRUSTED_PROXIES).
type Proxies []netip.Prefix

// ParsePrefixes reads a list of networks and addresses separated by commas
// or spaces ("127.0.0.1, 10.0.0.0/8, fd00::/8"); a bare address is a
// network of one. An empty list is nil.
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, fmt.Errorf("%q is not an address or a network like 10.0.0.0/8", f)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or a network like 10.0.0.0/8", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

func (p Proxies) trusted(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap().WithZone("")
	for _, n := range p {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP is the client's address of r: the connection's address unless
// that is a trusted proxy; then, walking X-Forwarded-For from the right
// (the hop the proxy itself added), the first address that is not a
// trusted proxy. Addresses to the left of it are the client's to write and
// never believed. When every hop is trusted, the leftmost; an entry that
// is not an address ends the walk at the last trusted hop.
func (p Proxies) ClientIP(r *http.Request) string {
	ip := remoteIP(r)
	if len(p) == 0 || !p.trusted(ip) {
		return ip
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, f := range strings.Split(h, ",") {
			hops = append(hops, strings.TrimSpace(f))
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			return ip
		}
		ip = a.Unmap().WithZone("").String()
		if !p.trusted(ip) {
			return ip
		}
	}
	return ip
}

// TrustProxies resolves the client's address of every request once
// (Proxies.ClientIP) for ClientIP. Put it outermost, before anything that
// reads ClientIP (the limiters, /metrics' allow-list).
func TrustProxies(p Proxies, next http.Handler) http.Handler {
	if len(p) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), clientIPKey{}, p.ClientIP(r))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// CrossSite reports a request that the browser says came from another site
// (Sec-Fetch-Site: cross-site).
func CrossSite(r *http.Request) bool {
	return r.Header.Get("Sec-Fetch-Site") == "cross-site"
}

// MountShared mounts on mux the assets both doors use, and answers every
// other path under /static/ that no door mounted with 404, with the
// security headers. Call it once, beside the doors' Register.
func MountShared(mux *http.ServeMux) {
	StaticFiles(mux, Shared())
	mux.Handle("/static/", SecurityHeaders(http.StripPrefix("/static/", Static(Shared()))))
}

// Assets are a door's own embedded assets (the folder "static" of own)
// with the shared ones behind them: a file of the door's wins.
func Assets(own fs.FS) fs.FS {
	sub, err := fs.Sub(own, "static")
	if err != nil {
		panic(err) // own is an embed.FS with a static folder: a build error
	}
	return overlay{sub, Shared()}
}

// overlay serves a file from the first of its file systems that has it.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var err error
	for _, f := range o {
		var file fs.File
		if file, err = f.Open(name); err == nil {
			return file, nil
		}
	}
	return nil, err
}

// NewRenderer parses a door's templates (templates/*.html of fsys) with
// the shared functions over texts.
func NewRenderer(fsys fs.FS, texts fo.Catalog, log *slog.Logger) (Renderer, error) {
	t, err := template.New("").Funcs(Funcs(texts)).ParseFS(fsys, "templates/*.html")
	if err != nil {
		return Renderer{}, fmt.Errorf("parse templates: %w", err)
	}
	return Renderer{Tmpl: t, Log: log, Texts: texts}, nil
}
