package syndication

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestNonPublic(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" for public
	}{
		{"93.184.215.14", ""},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", ""},
		{"127.0.0.1", "a loopback address"},
		{"127.8.9.10", "a loopback address"},
		{"::1", "a loopback address"},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"10.1.2.3", "a private address"},
		{"172.16.0.1", "a private address"},
		{"192.168.1.1", "a private address"},
		{"fd00::1", "a private address"},
		{"169.254.169.254", "a link-local address"}, // cloud metadata
		{"fe80::1", "a link-local address"},
		{"0.0.0.0", "an unspecified address"},
		{"::", "an unspecified address"},
		{"0.1.2.3", "a 'this network' address"},
		{"100.64.0.1", "a carrier-grade NAT address"},
		{"224.0.0.1", "a multicast address"},
		{"198.18.0.1", "a benchmarking address"},
		{"255.255.255.255", "a reserved address"},
	}
	for _, tt := range tests {
		if got := nonPublic(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("nonPublic(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestCacheHeaders(t *testing.T) {
	now := time.Date(2024, 3, 24, 12, 0, 0, 0, time.UTC)
	for cc, want := range map[string]time.Duration{
		"":                          0,
		"max-age=600":               10 * time.Minute,
		"public, max-age=3600":      time.Hour,
		`max-age="120"`:             2 * time.Minute,
		"max-age=600, no-cache":     0,
		"no-store":                  0,
		"max-age=-5":                0,
		"max-age=soon":              0,
		"s-maxage=600":              0,
		"max-age=99999999999999999": 365 * 24 * time.Hour, // capped
	} {
		if got := maxAge(cc); got != want {
			t.Errorf("maxAge(%q) = %v, want %v", cc, got, want)
		}
	}
	for ra, want := range map[string]time.Duration{
		"":                              0,
		"120":                           2 * time.Minute,
		"0":                             0,
		"Sun, 24 Mar 2024 13:00:00 GMT": time.Hour,
		"Sun, 24 Mar 2024 11:00:00 GMT": 0, // in the past
		"tomorrow":                      0,
	} {
		if got := retryAfter(ra, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", ra, got, want)
		}
	}
}

func TestFetchConditional(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sun, 24 Mar 2024 04:12:09 GMT")
		w.Header().Set("Cache-Control", "max-age=900")
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write([]byte("<feed/>"))
	}))
	defer srv.Close()
	f := NewFetcher(FetcherConfig{})
	ctx := context.Background()
	res, err := f.Fetch(ctx, FetchRequest{URL: srv.URL + "/feed", AllowPrivateNetwork: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || string(res.Body) != "<feed/>" || res.ETag != `"v1"` ||
		res.LastModified != "Sun, 24 Mar 2024 04:12:09 GMT" || res.MaxAge != 15*time.Minute || res.URL != srv.URL+"/feed" {
		t.Errorf("first fetch: %+v", res)
	}
	res, err = f.Fetch(ctx, FetchRequest{URL: srv.URL + "/feed", ETag: res.ETag, LastModified: res.LastModified, AllowPrivateNetwork: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.NotModified || res.Body != nil {
		t.Errorf("conditional fetch: %+v", res)
	}
	want := []string{"|", `"v1"|Sun, 24 Mar 2024 04:12:09 GMT`}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("validators sent: %q, want %q", got, want)
	}
}

func TestFetchRefusals(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/announced", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "104857600")
		w.Write([]byte("<rss>"))
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("<item>x</item>", 4096))
		for sent := 0; sent <= MaxFeedBytes; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/silent", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		path, want string
		private    bool
	}{
		{"/loop", "stopped after 5 redirects", true},
		{"/file", "redirected to a file: URL, refused", true},
		{"/announced", "feed too large: the server announces 104857600 bytes", true},
		{"/endless", "feed too large", true},
		{"/silent", "no complete answer within 500ms", true},
		{"/busy", "the server answered 503 Service Unavailable (retry after 1h0m0s)", true},
		{"/feed", "refused to connect to 127.0.0.1 (a loopback address): the source is not allowed private networks", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			timeout := 500 * time.Millisecond
			if tt.path == "/endless" {
				timeout = time.Minute // 20 MB takes a while under the race detector
			}
			f := NewFetcher(FetcherConfig{Timeout: timeout})
			_, err := f.Fetch(context.Background(), FetchRequest{URL: srv.URL + tt.path, AllowPrivateNetwork: tt.private})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
	f := NewFetcher(FetcherConfig{})
	var httpErr *HTTPError
	if _, err := f.Fetch(context.Background(), FetchRequest{URL: srv.URL + "/busy", AllowPrivateNetwork: true}); !errors.As(err, &httpErr) || httpErr.RetryAfter != time.Hour {
		t.Errorf("503 error = %#v", err)
	}
	if _, err := f.Fetch(context.Background(), FetchRequest{URL: "file:///etc/passwd", AllowPrivateNetwork: true}); err == nil {
		t.Error("file: URL fetched")
	}
}

// The address is checked when connecting, after name resolution and on
// every redirect: a name for a loopback address is refused, and so is a
// redirect from a public server to a private one.
func TestFetchChecksResolvedAddress(t *testing.T) {
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<secret/>")) }))
	defer inner.Close()
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL+"/admin", http.StatusFound)
	}))
	defer outer.Close()
	outerAddr := netip.MustParseAddrPort(outer.Listener.Addr().String())
	f := newFetcher(FetcherConfig{}, func(ap netip.AddrPort) bool { return ap == outerAddr })

	_, port, _ := strings.Cut(strings.TrimPrefix(inner.URL, "http://"), ":")
	if _, err := f.Fetch(context.Background(), FetchRequest{URL: "http://localhost:" + port + "/"}); err == nil ||
		!strings.Contains(err.Error(), "a loopback address") {
		t.Errorf("localhost by name: %v, want a loopback refusal", err)
	}
	_, err := f.Fetch(context.Background(), FetchRequest{URL: outer.URL + "/feed"})
	if err == nil || !strings.Contains(err.Error(), "refused to connect to 127.0.0.1 (a loopback address)") {
		t.Errorf("redirect to a private address: %v, want a refusal", err)
	}
	res, err := f.Fetch(context.Background(), FetchRequest{URL: outer.URL + "/feed", AllowPrivateNetwork: true})
	if err != nil || string(res.Body) != "<secret/>" {
		t.Errorf("with private networks allowed: %v, %v", res, err)
	}
}
