package main

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"
)

// Timeouts of the HTTP server. Pages, forms and PDFs are answered well
// within them; a handler that streams (the board's server-sent events) or
// answers a local tool (a backup) lifts its own write deadline with
// http.NewResponseController(w).SetWriteDeadline — the zero time for a
// stream that lasts, a later time for a long answer.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
)

// newHTTPServer returns the server for h with its timeouts and, when cfg
// names a certificate and key, its TLS configuration (TLS 1.2 or later);
// certs is nil without TLS.
func newHTTPServer(cfg Config, h http.Handler, log *slog.Logger) (*http.Server, *certFiles, error) {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if cfg.TLSCertFile == "" {
		return srv, nil, nil
	}
	certs := &certFiles{cert: cfg.TLSCertFile, key: cfg.TLSKeyFile, log: log}
	if _, err := certs.get(); err != nil {
		return nil, nil, err
	}
	srv.TLSConfig = &tls.Config{
		MinVersion:     tls.VersionTLS12,
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return certs.get() },
	}
	return srv, certs, nil
}

// certFiles is the served certificate, read again when its file changes
// (a renewed certificate is served without a restart). onChange, when
// set, is told the new certificate (DER).
type certFiles struct {
	cert, key string
	log       *slog.Logger
	onChange  func(der []byte)

	mu      sync.Mutex
	current *tls.Certificate
	mod     time.Time
}

func (c *certFiles) get() (*tls.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fi, err := os.Stat(c.cert)
	if err == nil && c.current != nil && fi.ModTime().Equal(c.mod) {
		return c.current, nil
	}
	if err != nil && c.current != nil {
		return c.current, nil // keep serving the one in hand
	}
	pair, err := tls.LoadX509KeyPair(c.cert, c.key)
	if err != nil {
		if c.current != nil {
			c.log.Error("renewed TLS certificate does not load; serving the previous one", "err", err)
			c.mod = fi.ModTime()
			return c.current, nil
		}
		return nil, fmt.Errorf("FRONTOFFICE_TLS_CERT_FILE / FRONTOFFICE_TLS_KEY_FILE: %w", err)
	}
	changed := c.current != nil
	c.current, c.mod = &pair, fi.ModTime()
	if changed {
		c.log.Info("TLS certificate renewed", "file", c.cert)
		if c.onChange != nil {
			c.onChange(pair.Certificate[0])
		}
	}
	return c.current, nil
}

// leaf is the DER of the certificate served now.
func (c *certFiles) leaf() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.current.Certificate[0]
}
