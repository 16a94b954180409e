package web

import (
	"context"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"masthead/internal/comment"
)

// privacyView is what privacy.tmpl shows: what commenting keeps, why and
// for how long, from the discussion settings in force. Settings changes
// bump the store's version, so the cached page follows them.
type privacyView struct {
	layout
	Comments       bool // the site takes comments at all
	IPDays         int  // ip_retention_days
	HoldAll        bool // comment_moderation
	FirstHeld      bool // comment_previously_approved
	SeenHours      int
	HeldDays       int
	SavedDays      int
	SeenCookie     string
	HeldCookie     string
	SavedCookies   []string
	Contact        string // where to ask, as shown
	ContactURL     string // mailto: or the page; "" when not configured
	CommentsAction string
}

func (s *Server) handlePrivacy(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	s.cached(w, r, path, func(ctx context.Context) (*entry, error) {
		v, err := s.privacyView(ctx, path)
		if err != nil {
			return nil, err
		}
		b, err := s.tmpl.render("privacy", v)
		if err != nil {
			return nil, err
		}
		return s.htmlEntry(b), nil
	})
}

func (s *Server) privacyView(ctx context.Context, path string) (*privacyView, error) {
	v := &privacyView{
		Comments:  s.comments != nil,
		SeenHours: int(comment.TokenMaxAge / time.Hour), HeldDays: int(comment.HeldMaxAge / (24 * time.Hour)),
		SavedDays: int(savedMaxAge / (24 * time.Hour)), SeenCookie: comment.SeenCookieName, HeldCookie: comment.HeldCookieName,
		SavedCookies:   []string{savedAuthorCookie, savedEmailCookie, savedURLCookie},
		Contact:        "the editors of this site",
		CommentsAction: commentsPath,
	}
	if c := strings.TrimSpace(s.cfg.PrivacyContact); c != "" {
		v.Contact, v.ContactURL = c, c
		if a, err := mail.ParseAddress(c); err == nil && a.Address == c {
			v.ContactURL = "mailto:" + c
		}
	}
	if s.comments != nil {
		set, err := s.comments.Settings(ctx)
		if err != nil {
			return nil, err
		}
		v.IPDays, v.HoldAll, v.FirstHeld = set.IPRetentionDays, set.HoldAll, set.PreviouslyApproved
	}
	v.Site = s.site(ctx, path)
	id := v.Site.id
	v.Title = "Privacy – " + id.name
	v.Description = "What " + id.name + " keeps when you comment, why, and for how long."
	v.Canonical = id.abs("/privacy/")
	v.Feeds = s.siteFeeds(id)
	return v, nil
}
