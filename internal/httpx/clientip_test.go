package httpx

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	proxies, err := ParseProxies([]string{"10.0.0.0/8", " 127.0.0.1 ", "", "2001:db8:1::/48"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		remote  string
		headers map[string]string
		want    string
	}{
		{"direct client", "203.0.113.7:5100", nil, "203.0.113.7"},
		{"untrusted peer's forwarded-for is ignored", "203.0.113.7:5100",
			map[string]string{"X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2"}, "203.0.113.7"},
		{"trusted proxy forwards", "10.1.2.3:40000", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "198.51.100.1"},
		{"spoofed left entries skipped", "127.0.0.1:40000",
			map[string]string{"X-Forwarded-For": "1.1.1.1, 198.51.100.1, 10.0.0.5"}, "198.51.100.1"},
		{"all hops trusted: leftmost", "127.0.0.1:1", map[string]string{"X-Forwarded-For": "10.0.0.9, 10.0.0.5"}, "10.0.0.9"},
		{"entry with a port", "127.0.0.1:1", map[string]string{"X-Forwarded-For": "[2001:db8::7]:443"}, "2001:db8::7"},
		{"garbage stops at last trusted hop", "127.0.0.1:1", map[string]string{"X-Forwarded-For": "nonsense, 10.0.0.5"}, "10.0.0.5"},
		{"x-real-ip from trusted proxy", "10.9.9.9:1", map[string]string{"X-Real-IP": "198.51.100.4"}, "198.51.100.4"},
		{"bad x-real-ip falls back to peer", "10.9.9.9:1", map[string]string{"X-Real-IP": "x"}, "10.9.9.9"},
		{"ipv6 trusted proxy", "[2001:db8:1::2]:80", map[string]string{"X-Forwarded-For": "198.51.100.9"}, "198.51.100.9"},
		{"ipv4-mapped peer", "[::ffff:10.0.0.1]:80", map[string]string{"X-Forwarded-For": "198.51.100.3"}, "198.51.100.3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			if got := proxies.ClientIP(r).String(); got != tc.want {
				t.Errorf("ClientIP = %s, want %s", got, tc.want)
			}
		})
	}
	t.Run("zero value trusts no one", func(t *testing.T) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "127.0.0.1:1"
		r.Header.Set("X-Forwarded-For", "198.51.100.1")
		if got := (Proxies{}).ClientIP(r).String(); got != "127.0.0.1" {
			t.Errorf("ClientIP = %s, want 127.0.0.1", got)
		}
	})
	if _, err := ParseProxies([]string{"not-a-net"}); err == nil {
		t.Error("ParseProxies accepted not-a-net")
	}
}

func TestIsHTTPS(t *testing.T) {
	proxies, _ := ParseProxies([]string{"127.0.0.1"})
	tests := []struct {
		name, remote, proto string
		tls, want           bool
	}{
		{"plain", "203.0.113.1:1", "", false, false},
		{"tls", "203.0.113.1:1", "", true, true},
		{"untrusted forwarded proto", "203.0.113.1:1", "https", false, false},
		{"trusted forwarded proto", "127.0.0.1:1", "https", false, true},
		{"trusted, nearest hop says http", "127.0.0.1:1", "https, http", false, false},
		{"trusted, http", "127.0.0.1:1", "http", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			if tc.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tc.proto)
			}
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if got := proxies.IsHTTPS(r); got != tc.want {
				t.Errorf("IsHTTPS = %v, want %v", got, tc.want)
			}
		})
	}
}
