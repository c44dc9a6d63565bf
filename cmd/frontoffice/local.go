package main

// How local tools (backup, calls, report, card, settings, staff) find the
// running server that holds the data file, and how the server knows them.
//
// The server writes <data>.addr beside the data file (0600, removed at a
// clean stop): JSON with the URL a tool on the same machine dials — the
// actual listen address, or a loopback address for a wildcard one (":8080",
// "0.0.0.0:8080") — and, when it serves HTTPS, the SHA-256 of its
// certificate, which the tool pins instead of trusting any CA. A tool
// shows the admin secret (<data>.secret, 0600) in X-Frontoffice-Secret;
// the server answers only a caller on its own machine (a loopback address,
// or the very address it was dialled at) showing that secret.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// serverAddr is what <data>.addr holds.
type serverAddr struct {
	// URL is the base a local tool dials: "http://127.0.0.1:8080".
	URL string `json:"url"`
	// CertSHA256 is the hex SHA-256 of the server's TLS certificate (DER),
	// when it serves HTTPS.
	CertSHA256 string `json:"cert_sha256,omitempty"`
	PID        int    `json:"pid"`
}

func addrPath(dataPath string) string { return dataPath + ".addr" }

// localURL is the URL a tool on this machine dials to reach a listener on
// addr: the address itself, or the loopback address of a wildcard one.
func localURL(addr net.Addr, tlsOn bool) string {
	host, port, _ := net.SplitHostPort(addr.String())
	ip := net.ParseIP(host)
	switch {
	case ip == nil || ip.Equal(net.IPv4zero):
		host = "127.0.0.1"
	case ip.Equal(net.IPv6unspecified):
		// Go listens on both families for "[::]" and ":port".
		host = "127.0.0.1"
	}
	scheme := "http"
	if tlsOn {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// writeAddrFile writes <data>.addr for the listener ln; certDER is the
// served certificate (nil without TLS). It returns the function that
// removes the file at a clean stop.
func writeAddrFile(dataPath string, ln net.Addr, certDER []byte) (func(), error) {
	a := serverAddr{URL: localURL(ln, certDER != nil), PID: os.Getpid()}
	if certDER != nil {
		sum := sha256.Sum256(certDER)
		a.CertSHA256 = hex.EncodeToString(sum[:])
	}
	b, _ := json.Marshal(a)
	path := addrPath(dataPath)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return func() { os.Remove(path) }, nil
}

// serverClient is how a tool talks to the running server.
type serverClient struct {
	base   string
	secret string
	http   *http.Client
}

// dialServer reads <data>.addr and the secret and returns a client for the
// server that holds the data file. Its errors say what is missing.
func dialServer(cfg Config) (*serverClient, error) {
	raw, err := os.ReadFile(addrPath(cfg.DataPath))
	if err != nil {
		return nil, fmt.Errorf("the data file is in use by a running server, but its address file %s cannot be read (a server of an older version? restart it): %w",
			addrPath(cfg.DataPath), err)
	}
	var a serverAddr
	if err := json.Unmarshal(raw, &a); err != nil || a.URL == "" {
		return nil, fmt.Errorf("the address file %s is damaged: restart the server", addrPath(cfg.DataPath))
	}
	secret, err := os.ReadFile(cfg.DataPath + ".secret")
	if err != nil {
		return nil, fmt.Errorf("the data file is in use by a running server, and its admin secret cannot be read: %w", err)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil // never through a proxy: the server is on this machine
	if a.CertSHA256 != "" {
		pin := a.CertSHA256
		tr.TLSClientConfig = &tls.Config{
			MinVersion: tls.VersionTLS12,
			// The certificate is pinned (its hash is in the 0600 address
			// file the server wrote), so no CA and no host name are needed.
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(certs [][]byte, _ [][]*x509.Certificate) error {
				if len(certs) == 0 {
					return errors.New("the server showed no certificate")
				}
				sum := sha256.Sum256(certs[0])
				if subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(pin)) != 1 {
					return errors.New("the server's certificate is not the one in its address file")
				}
				return nil
			},
		}
	}
	return &serverClient{base: strings.TrimRight(a.URL, "/"), secret: strings.TrimSpace(string(secret)), http: &http.Client{Transport: tr}}, nil
}

// do sends a request to path with the secret; body may be nil.
func (c *serverClient) do(ctx context.Context, method, path string, body []byte) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Frontoffice-Secret", c.secret)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("asking the server at %s: %w", c.base, err)
	}
	return resp, nil
}

// localOnly serves h only to a local tool: a caller on this machine (a
// loopback address, or the address the connection came in on, as when the
// server listens on one LAN address) showing the admin secret kept beside
// the data file (readable by its owner only).
func localOnly(secret string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Frontoffice-Secret")
		if !sameMachine(r) || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		// Answers to local tools (a backup of a large file, a year's
		// report) may take longer than the server's write timeout.
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(30 * time.Minute))
		h.ServeHTTP(w, r)
	})
}

// sameMachine reports whether the connection of r comes from this machine:
// from a loopback address, or from the local address it arrived at.
func sameMachine(r *http.Request) bool {
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if lh, _, err := net.SplitHostPort(la.String()); err == nil {
			return ip.Equal(net.ParseIP(lh))
		}
	}
	return false
}
