package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"masthead/internal/store"
)

// errNotFound is a render's way to say "no such page" for reasons of its
// own (a page number past the end), as store.ErrNotFound does for rows.
var errNotFound = errors.New("web: no such page")

// renderTimeout bounds one render; it runs apart from any one request.
const renderTimeout = 30 * time.Second

// cached answers from the page cache, rendering key on a miss. The render
// outlives the request that started it (others may be waiting), so it
// gets a context of its own.
func (s *Server) cached(w http.ResponseWriter, r *http.Request, key string, render func(ctx context.Context) (*entry, error)) {
	base := context.WithoutCancel(r.Context())
	e, err := s.cache.load(r.Context(), key, func() (*entry, error) {
		ctx, cancel := context.WithTimeout(base, renderTimeout)
		defer cancel()
		s.renders.Add(1)
		return render(ctx)
	})
	if err != nil {
		s.renderFailed(w, r, key, err)
		return
	}
	s.serveEntry(w, r, e)
}

// errRedirect is a render's way to send the reader elsewhere, such as a
// reply link to a comment that cannot be answered.
type errRedirect struct{ to string }

func (e errRedirect) Error() string { return "web: see " + e.to }

// renderFailed answers for a page that could not be rendered.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, key string, err error) {
	var moved errRedirect
	switch {
	case errors.As(err, &moved):
		http.Redirect(w, r, moved.to, http.StatusFound)
	case errors.Is(err, store.ErrNotFound), errors.Is(err, errNotFound):
		s.notFound(w, r)
	case r.Context().Err() != nil:
		// The reader left; nobody to answer.
	default:
		s.log.Error("web: render page", "path", key, "err", err)
		s.unavailable(w, r)
	}
}

func (s *Server) htmlEntry(b []byte) *entry {
	return newEntry(b, "text/html; charset=utf-8", s.pageCacheControl)
}

// statusView is the page for 404s and outages.
type statusView struct {
	layout
	Heading, Message string
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.statusPage(w, r, http.StatusNotFound, "Page not found",
		"There is no page at this address. It may have moved, or the link may be mistyped.")
}

func (s *Server) unavailable(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "5")
	s.statusPage(w, r, http.StatusServiceUnavailable, "Temporarily unavailable",
		"This page cannot be shown right now. Please try again in a moment.")
}

// statusPage renders an error page with the site's chrome. These are not
// cached: they are rare, and caching them per path would let anyone fill
// the cache with made-up addresses.
func (s *Server) statusPage(w http.ResponseWriter, r *http.Request, code int, heading, msg string) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	v := &statusView{Heading: heading, Message: msg}
	v.Site = s.site(ctx, "")
	v.Title = heading + " – " + v.Site.id.name
	v.NoIndex = true
	v.Feeds = s.siteFeeds(v.Site.id)
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	b, err := s.tmpl.render("status", v)
	if err != nil {
		s.log.Error("web: render status page", "err", err)
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(code)
		w.Write([]byte(heading + "\n"))
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
}
