package akismet

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestVerifyKey(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		e.addKey("revokedkey1", "https://gone.example", 0)
		if err := e.st.SetAPIKeyRevoked(context.Background(), "revokedkey1", true); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, host string
			form       url.Values
			want       string
			wantHelp   bool
		}{
			{"key param", "", url.Values{"key": {testKey}, "blog": {"https://blog.example"}}, "valid", false},
			{"api_key param", "", url.Values{"api_key": {testKey}, "blog": {"https://blog.example"}}, "valid", false},
			{"key in the Host subdomain", testKey + ".akismet.test", url.Values{"blog": {"https://blog.example"}}, "valid", false},
			{"key in rest.akismet.com's subdomain, upper case", "0123456789ABCDEF01234567.rest.akismet.com", url.Values{"blog": {"https://blog.example"}}, "valid", false},
			{"wrong key", "", url.Values{"key": {"deadbeef"}, "blog": {"https://blog.example"}}, "invalid", true},
			{"revoked key", "", url.Values{"key": {"revokedkey1"}, "blog": {"https://blog.example"}}, "invalid", true},
			{"no key anywhere", "akismet.test", url.Values{"blog": {"https://blog.example"}}, "invalid", true},
			{"key that cannot be a key", "", url.Values{"key": {"<script>"}}, "invalid", true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := e.call("/1.1/verify-key", tc.host, tc.form)
				if r.status != 200 || r.body != tc.want {
					t.Errorf("got %d %q, want 200 %q", r.status, r.body, tc.want)
				}
				if got := r.header.Get("X-akismet-debug-help") != ""; got != tc.wantHelp {
					t.Errorf("debug help header present = %v, want %v", got, tc.wantHelp)
				}
				if ct := r.header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
			})
		}
	})
}

// The routes must mount beside a site's own patterns, as serve does.
func TestRoutesComposeWithASite(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{year}/{month}/{slug}/{$}", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("GET /healthz", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) })
	New(nil, nil, nil).Routes(mux) // panics on a conflicting pattern
	for _, path := range []string{"/1.1/comment-check", "/1.2/key-sites"} {
		for _, method := range []string{"GET", "POST"} {
			if _, pattern := mux.Handler(httptest.NewRequest(method, path, nil)); pattern != method+" "+path {
				t.Errorf("%s %s goes to %q", method, path, pattern)
			}
		}
	}
}
