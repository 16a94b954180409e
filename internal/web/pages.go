package web

import (
	"context"
	"net/http"
)

// privacyView is what privacy.tmpl shows. The comments engineer will fill
// it from the discussion settings (what is kept, for how long).
type privacyView struct {
	layout
}

func (s *Server) handlePrivacy(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	s.cached(w, r, path, func(ctx context.Context) (*entry, error) {
		v := &privacyView{}
		v.Site = s.site(ctx, path)
		v.Title = "Privacy – " + s.cfg.SiteName
		v.Description = "What " + s.cfg.SiteName + " keeps when you comment, why, and for how long."
		v.Canonical = s.abs("/privacy/")
		v.Feeds = s.siteFeeds()
		b, err := s.tmpl.render("privacy", v)
		if err != nil {
			return nil, err
		}
		return s.htmlEntry(b), nil
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.Write([]byte("ok"))
}
