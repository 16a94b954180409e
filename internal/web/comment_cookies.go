package web

import (
	"net/http"
	"net/url"
	"time"

	"masthead/internal/comment"
)

// commentsPath is where the comment form posts, and the form-seen cookie's
// path.
const commentsPath = "/comments/"

// The "Save my name, email, and website" cookies. They are plain cookies,
// readable by the page's script, which fills the form from them: the
// server never writes them into a page, so cached pages stay the same for
// everyone, and returning commenters keep getting cached pages.
const (
	savedAuthorCookie = "masthead_comment_author"
	savedEmailCookie  = "masthead_comment_email"
	savedURLCookie    = "masthead_comment_url"
	savedMaxAge       = 365 * 24 * time.Hour
)

// setHeldCookie names the reader's held comments, for the article pages
// that show them back to their author. It is sent to every page (an
// article's path cannot be told apart from others by prefix), unreadable
// to scripts.
func (s *Server) setHeldCookie(w http.ResponseWriter, value string) {
	c := &http.Cookie{Name: comment.HeldCookieName, Value: value, Path: "/",
		MaxAge: int(comment.HeldMaxAge / time.Second), HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode}
	if value == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// heldCookie is the request's held-comments cookie value, or "".
func heldCookie(r *http.Request) string {
	c, err := r.Cookie(comment.HeldCookieName)
	if err != nil {
		return ""
	}
	return c.Value
}

// setSavedDetails stores the commenter's name, email and website in their
// browser when they ticked the box, and otherwise removes any stored
// before, as WordPress does.
func (s *Server) setSavedDetails(w http.ResponseWriter, r *http.Request, consent bool, c *comment.Comment) {
	values := [...][2]string{{savedAuthorCookie, c.Author}, {savedEmailCookie, c.Email}, {savedURLCookie, c.URL}}
	for _, v := range values {
		ck := &http.Cookie{Name: v[0], Path: "/", Secure: s.secure, SameSite: http.SameSiteLaxMode}
		switch {
		case consent && v[1] != "":
			// Escaped, as cookie values cannot hold spaces or quotes; the
			// script decodes them.
			ck.Value, ck.MaxAge = url.QueryEscape(v[1]), int(savedMaxAge/time.Second)
		case hasCookie(r.Header["Cookie"], v[0]):
			ck.MaxAge = -1
		default:
			continue
		}
		http.SetCookie(w, ck)
	}
}
