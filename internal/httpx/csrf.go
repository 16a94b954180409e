package httpx

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
)

// NewToken returns 32 random bytes in URL-safe base64: a session's CSRF
// token, a session token, anything that must not be guessed.
func NewToken() string {
	b := make([]byte, 32)
	randRead(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// randRead fills b from crypto/rand, which never fails: since Go 1.24 it
// crashes the program rather than return fewer random bytes.
func randRead(b []byte) { rand.Read(b) }

// TokenMatch compares a submitted token with the expected one in constant
// time. An empty expected token matches nothing.
func TokenMatch(got, want string) bool {
	if want == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// SafeMethod reports whether a request's method only reads.
func SafeMethod(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// SameOrigin reports whether a state-changing request came from a page of
// this site, as the browser tells: Sec-Fetch-Site, else Origin, else
// Referer must name this host (or one of the trusted origins, such as the
// site's public URL when a proxy rewrites Host). With none of the three,
// the request did not come from a modern browser's cross-site form, and
// the CSRF token alone decides.
func SameOrigin(r *http.Request, trusted ...string) bool {
	origin := r.Header.Get("Origin")
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	case "":
	default: // same-site, cross-site: only a trusted origin may
		return origin != "" && trustedOrigin(origin, trusted)
	}
	if origin != "" {
		if origin == "null" {
			return false
		}
		return sameHost(origin, r.Host) || trustedOrigin(origin, trusted)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		if err != nil || u.Host == "" {
			return false
		}
		return strings.EqualFold(u.Host, r.Host) || trustedOrigin(u.Scheme+"://"+u.Host, trusted)
	}
	return true
}

func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, host)
}

func trustedOrigin(origin string, trusted []string) bool {
	for _, t := range trusted {
		if t != "" && strings.EqualFold(strings.TrimRight(t, "/"), origin) {
			return true
		}
	}
	return false
}
