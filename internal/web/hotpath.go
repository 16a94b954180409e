package web

import (
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"masthead/internal/comment"
)

// serveCached answers from a cached entry and reports whether it did. An
// article page is passed over when it has gone stale (its page token
// ages), and for a reader with a held-comments cookie, whose page may have
// to show their own held comments: the article handler decides for both.
// Nothing here allocates or reads the clock: flags set by timers, a header
// scan, prebuilt values.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, e *entry) bool {
	if !e.comments {
		e.serve(w, r)
		return true
	}
	if e.isStale() || hasCookie(r.Header["Cookie"], comment.HeldCookieName) {
		return false
	}
	w.Header()["Set-Cookie"] = s.seenHeader()
	e.serve(w, r)
	return true
}

// serveEntry sends an entry, an article page with the shared form-seen
// cookie.
func (s *Server) serveEntry(w http.ResponseWriter, r *http.Request, e *entry) {
	if e.comments {
		h := w.Header()
		if prev := h["Set-Cookie"]; len(prev) > 0 {
			h["Set-Cookie"] = append(prev, s.seenHeader()[0]) // prev is this response's own
		} else {
			h["Set-Cookie"] = s.seenHeader()
		}
	}
	e.serve(w, r)
}

// staleAfter returns a flag that turns true once d has passed.
func (s *Server) staleAfter(d time.Duration) *atomic.Bool {
	stale := new(atomic.Bool)
	// The timer holds the flag alone, so a dropped page is not kept alive.
	s.afterFunc(d, func() { stale.Store(true) })
	return stale
}

// seenWindow is how long one form-seen cookie value is handed out: short
// enough that two readers' comments rarely share one, long enough that
// making them costs nothing per request.
const seenWindow = 100 * time.Millisecond

// seenCookie is the form-seen cookie of the current window, as a
// Set-Cookie value ready to assign.
type seenCookie struct {
	header []string // len == cap, so an append elsewhere copies rather than writing into it
	stale  *atomic.Bool
}

// seenHeader returns the current window's Set-Cookie value, making a new
// one once the window has passed. Racing requests may each make one; one
// wins and the others use it. An idle site arms no timer.
func (s *Server) seenHeader() []string {
	for {
		cur := s.seen.Load()
		if cur != nil && !cur.stale.Load() {
			return cur.header
		}
		next := &seenCookie{header: []string{s.seenCookieValue().String()}, stale: new(atomic.Bool)}
		if s.seen.CompareAndSwap(cur, next) {
			s.afterFunc(seenWindow, func() { next.stale.Store(true) })
			return next.header
		}
	}
}

// seenCookieValue is a fresh form-seen cookie. It goes only to the comment
// POST address and is unreadable to scripts: it says when the form was
// served, nothing about who.
func (s *Server) seenCookieValue() *http.Cookie {
	return &http.Cookie{
		Name: comment.SeenCookieName, Value: s.tokens.Seen(), Path: commentsPath,
		MaxAge: int(comment.TokenMaxAge / time.Second), HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	}
}

// hasCookie reports whether Cookie header values name the cookie, without
// parsing them into a slice as r.Cookie would.
func hasCookie(values []string, name string) bool {
	for _, v := range values {
		for v != "" {
			var part string
			part, v, _ = strings.Cut(v, ";")
			part = strings.TrimLeft(part, " \t")
			if len(part) > len(name) && part[len(name)] == '=' && part[:len(name)] == name {
				return true
			}
		}
	}
	return false
}
