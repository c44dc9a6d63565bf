package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Behind a proxy, X-Forwarded-For is believed only from the configured
// proxies, and only up to the first address that is not one of them
// (issue 10: every client became the proxy's address for the limiters).
func TestClientIPThroughTrustedProxies(t *testing.T) {
	proxies, err := ParsePrefixes("127.0.0.1, 10.0.0.0/8 fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		proxies Proxies
		remote  string
		xff     []string
		want    string
	}{
		{"no proxies: the connection, header ignored", nil, "192.168.1.20:5000", []string{"1.2.3.4"}, "192.168.1.20"},
		{"untrusted peer: header ignored", proxies, "192.168.1.20:5000", []string{"1.2.3.4"}, "192.168.1.20"},
		{"trusted proxy: the client it saw", proxies, "127.0.0.1:5000", []string{"192.168.1.77"}, "192.168.1.77"},
		{"spoofed left part ignored", proxies, "127.0.0.1:5000", []string{"6.6.6.6, 192.168.1.77"}, "192.168.1.77"},
		{"two trusted hops", proxies, "10.0.0.2:443", []string{"6.6.6.6, 192.168.1.77, 10.0.0.1"}, "192.168.1.77"},
		{"several headers joined", proxies, "10.0.0.2:443", []string{"6.6.6.6", "192.168.1.77, 10.0.0.1"}, "192.168.1.77"},
		{"all hops trusted: the leftmost", proxies, "127.0.0.1:5000", []string{"10.1.1.1, 10.0.0.1"}, "10.1.1.1"},
		{"garbage hop: the last trusted", proxies, "127.0.0.1:5000", []string{"192.168.1.77, not-an-ip"}, "127.0.0.1"},
		{"trusted proxy without header", proxies, "127.0.0.1:5000", nil, "127.0.0.1"},
		{"IPv6 proxy", proxies, "[fd00::1]:443", []string{"2001:db8::7"}, "2001:db8::7"},
		{"IPv4-mapped peer", proxies, "[::ffff:127.0.0.1]:5000", []string{"192.168.1.77"}, "192.168.1.77"},
		{"address with a zone", proxies, "127.0.0.1:5000", []string{"fe80::1%eth0"}, "fe80::1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/kiosk", nil)
			r.RemoteAddr = c.remote
			for _, h := range c.xff {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := c.proxies.ClientIP(r); got != c.want {
				t.Errorf("Proxies.ClientIP = %q, want %q", got, c.want)
			}
			// The middleware hands the same answer to ClientIP.
			var seen string
			TrustProxies(c.proxies, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { seen = ClientIP(r) })).
				ServeHTTP(httptest.NewRecorder(), r)
			if seen != c.want {
				t.Errorf("ClientIP behind TrustProxies = %q, want %q", seen, c.want)
			}
		})
	}
}

func TestParsePrefixes(t *testing.T) {
	got, err := ParsePrefixes(" 192.168.1.5,10.0.0.0/8\n::1 ")
	if err != nil || len(got) != 3 || got[0].String() != "192.168.1.5/32" || got[2].String() != "::1/128" {
		t.Fatalf("ParsePrefixes = %v, %v", got, err)
	}
	if got, err := ParsePrefixes(""); err != nil || got != nil {
		t.Errorf("empty: %v %v", got, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "localhost", "1.2.3"} {
		if _, err := ParsePrefixes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
