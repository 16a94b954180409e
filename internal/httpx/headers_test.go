package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestWithHeaders(t *testing.T) {
	h := WithHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		SetRetryAfter(w.Header(), 1500*time.Millisecond)
		w.Write([]byte("ok"))
	}), SetSecurityHeaders, SetNoFraming, SetNoStore)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	want := map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
		"Content-Security-Policy": "frame-ancestors 'none'",
		"Cache-Control":           "no-store",
		"Retry-After":             "2",
	}
	for k, v := range want {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	hdr := http.Header{}
	hdr.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
	SetNoFraming(hdr)
	if got := hdr.Get("Content-Security-Policy"); got != "default-src 'self'; frame-ancestors 'none'" {
		t.Errorf("SetNoFraming replaced a policy: %q", got)
	}
}
