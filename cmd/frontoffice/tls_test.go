package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key
// into dir and returns their paths and the certificate.
func selfSigned(t *testing.T, dir, name string) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{name},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ = x509.ParseCertificate(der)
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile = filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile, cert
}

// HTTPS (issue 10): given a certificate and key the server serves TLS
// itself, plain HTTP is refused, the console's cookies are Secure by
// default, and the local tools reach it by the certificate's hash in the
// address file.
func TestServeHTTPS(t *testing.T) {
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	certFile, keyFile, cert := selfSigned(t, dir, "shop.local")
	addr, _, stop := startServe(t, dataFile, map[string]string{
		"FRONTOFFICE_ADDR":          "127.0.0.1:0",
		"FRONTOFFICE_TLS_CERT_FILE": certFile,
		"FRONTOFFICE_TLS_KEY_FILE":  keyFile,
	})
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Get("https://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("HTTPS: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" || resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 {
		t.Fatalf("healthz over HTTPS: %d %q %+v", resp.StatusCode, body, resp.TLS)
	}
	resp, err = client.Get("https://" + addr + "/staff/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Header.Values("Set-Cookie")
	if len(cookies) == 0 {
		t.Fatal("the login page set no cookie")
	}
	for _, c := range cookies {
		if !strings.Contains(c, "; Secure") {
			t.Errorf("console cookie without Secure over HTTPS: %s", c)
		}
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
		if resp.StatusCode == 200 {
			t.Error("plain HTTP answered on the TLS port")
		}
		resp.Body.Close()
	}

	raw, _ := os.ReadFile(dataFile + ".addr")
	var a serverAddr
	json.Unmarshal(raw, &a)
	if a.URL != "https://"+addr || len(a.CertSHA256) != 64 {
		t.Fatalf("address file %s", raw)
	}
	if code, stdout, stderr := cli(dataFile, "report", "daily"); code != 0 || stdout == "" {
		t.Fatalf("report beside an HTTPS server: %d %s %s", code, stdout, stderr)
	}
	// Another certificate at that address is not the server's.
	a.CertSHA256 = strings.Repeat("0", 64)
	b, _ := json.Marshal(a)
	os.WriteFile(dataFile+".addr", b, 0o600)
	if code, _, stderr := cli(dataFile, "report", "daily"); code == 0 || !strings.Contains(stderr, "not the one in its address file") {
		t.Errorf("a certificate not pinned was trusted: %d %s", code, stderr)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
}

// Bad TLS configuration stops the start with a message.
func TestTLSConfigErrors(t *testing.T) {
	dir := t.TempDir()
	certFile, _, _ := selfSigned(t, dir, "a")
	_, otherKey, _ := selfSigned(t, dir, "b")
	base := map[string]string{"FRONTOFFICE_DATA": filepath.Join(dir, "f.db"), "FRONTOFFICE_ADDR": "127.0.0.1:0"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, c := range []struct {
		env  map[string]string
		code int
		msg  string
	}{
		{with("FRONTOFFICE_TLS_CERT_FILE", certFile), 2, "go together"},
		{with("FRONTOFFICE_TLS_CERT_FILE", certFile, "FRONTOFFICE_TLS_KEY_FILE", otherKey), 1, "FRONTOFFICE_TLS_CERT_FILE / FRONTOFFICE_TLS_KEY_FILE"},
		{with("FRONTOFFICE_TLS_CERT_FILE", filepath.Join(dir, "none.crt"), "FRONTOFFICE_TLS_KEY_FILE", otherKey), 1, "no such file"},
		{with("FRONTOFFICE_TRUSTED_PROXIES", "10.0.0.0/33"), 2, "FRONTOFFICE_TRUSTED_PROXIES"},
		{with("FRONTOFFICE_METRICS_ALLOW", "everyone"), 2, "FRONTOFFICE_METRICS_ALLOW"},
	} {
		var errb strings.Builder
		code := run(t.Context(), []string{"serve"}, io.Discard, &errb, env(c.env))
		if code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("%v: %d %q, want %d with %q", c.env, code, errb.String(), c.code, c.msg)
		}
	}
}

// Cookies are Secure by default with TLS; FRONTOFFICE_SECURE_COOKIES
// still decides when set.
func TestSecureCookiesDefault(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"FRONTOFFICE_TLS_CERT_FILE": "c", "FRONTOFFICE_TLS_KEY_FILE": "k"}, true},
		{map[string]string{"FRONTOFFICE_TLS_CERT_FILE": "c", "FRONTOFFICE_TLS_KEY_FILE": "k", "FRONTOFFICE_SECURE_COOKIES": "false"}, false},
		{map[string]string{"FRONTOFFICE_SECURE_COOKIES": "true"}, true},
	} {
		cfg, _, err := loadConfig("serve", nil, env(c.env), io.Discard)
		if err != nil || cfg.SecureCookies != c.want {
			t.Errorf("%v: secure %v (%v), want %v", c.env, cfg.SecureCookies, err, c.want)
		}
	}
	cfg, _, _ := loadConfig("serve", []string{"-secure-cookies=false"}, env(map[string]string{"FRONTOFFICE_TLS_CERT_FILE": "c", "FRONTOFFICE_TLS_KEY_FILE": "k"}), io.Discard)
	if cfg.SecureCookies {
		t.Error("-secure-cookies=false ignored with TLS")
	}
}

// Server hardening (issue 10): every timeout and the header limit are
// set; the board's stream lifts its own write deadline.
func TestHTTPServerLimits(t *testing.T) {
	srv, certs, err := newHTTPServer(Config{}, http.NotFoundHandler(), discardLog())
	if err != nil || certs != nil {
		t.Fatal(err)
	}
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("server limits %+v", srv)
	}
}

// The admin secret beside the data file is forced to 0600 at start.
func TestAdminSecretMadePrivate(t *testing.T) {
	dir := t.TempDir()
	dataFile := filepath.Join(dir, "f.db")
	path := dataFile + ".secret"
	want := strings.Repeat("ab", 32)
	if err := os.WriteFile(path, []byte(want+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	got, err := adminSecret(dataFile)
	if err != nil || got != want {
		t.Fatalf("adminSecret = %q, %v", got, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("secret file mode %v after start, want 0600", fi.Mode().Perm())
	}
	// A new secret is 0600 too.
	os.Remove(path)
	if _, err := adminSecret(dataFile); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("new secret file mode %v", fi.Mode().Perm())
	}
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }
