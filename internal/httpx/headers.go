package httpx

import (
	"net/http"
	"strconv"
	"time"
)

// SetSecurityHeaders sets what every response should carry: no MIME
// sniffing, and no full URL leaking to other sites in Referer.
func SetSecurityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
}

// SetNoFraming forbids other pages to frame this one (clickjacking), in
// the old header and in CSP for browsers that know only one of them. A
// Content-Security-Policy already set should say frame-ancestors itself.
func SetNoFraming(h http.Header) {
	h.Set("X-Frame-Options", "DENY")
	if h.Get("Content-Security-Policy") == "" {
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	}
}

// SetNoStore keeps private pages out of every cache.
func SetNoStore(h http.Header) {
	h.Set("Cache-Control", "no-store")
}

// SetRetryAfter tells a limited client when to come back, in whole
// seconds, rounded up.
func SetRetryAfter(h http.Header, d time.Duration) {
	secs := int((d + time.Second - 1) / time.Second)
	h.Set("Retry-After", strconv.Itoa(max(secs, 1)))
}

// WithHeaders wraps next so each response first gets the headers that the
// setters set, e.g. WithHeaders(h, SetSecurityHeaders, SetNoFraming).
func WithHeaders(next http.Handler, setters ...func(http.Header)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, set := range setters {
			set(w.Header())
		}
		next.ServeHTTP(w, r)
	})
}
