// Package web serves the public site: article pages, lists, feeds, the
// sitemap and the static assets, from a cache of rendered pages that is
// dropped whenever the store's version changes.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"masthead/internal/comment"
	"masthead/internal/httpx"
	"masthead/internal/store"
)

// Config is what the public site needs to know about itself.
type Config struct {
	// SiteName and BaseURL are the defaults of the site_name and site_url
	// settings, which the back office changes while the site runs.
	SiteName    string // default "masthead"
	Tagline     string // shown under the name and used as the front page's description
	BaseURL     string // absolute, e.g. "https://news.example"; used in feeds, canonical, og, sitemap
	SiteLicence string // the site's own content licence, for the footer and feeds; empty: the site_licence setting's
	Language    string // the pages' lang attribute; default "en"

	Location   *time.Location // dates are shown in this zone; default UTC
	PageSize   int            // stories per list page; default 10
	FeedSize   int            // entries per feed; default 20
	CacheBytes int            // bound on the rendered-page cache; default 64 MiB
	// PageMaxAge lets browsers and proxies reuse a page without asking;
	// zero makes them revalidate every time (cheap: a 304 from the cache).
	PageMaxAge   time.Duration
	PollInterval time.Duration // how often Watch reads the store's version; default 200 ms

	// Comments runs the comment section: the form, the thread, POST
	// /comments/, comment feeds, avatars. Its Tokens (comment.Config.Tokens)
	// are required. Nil leaves the site without comments: articles say
	// "Comments are closed." and nothing can be posted.
	Comments *comment.Service
	// Avatars names commenters' identicons; required with Comments, made
	// by comment.NewAvatars from the same site secret as the Tokens.
	Avatars comment.Avatars
	// Proxies are the reverse proxies whose X-Forwarded-For gives a
	// commenter's address; the zero value trusts none.
	Proxies httpx.Proxies
	// PrivacyContact is where readers ask for a copy or the erasure of
	// their comment data (an email address or a URL), for the privacy
	// page; empty says "the editors of this site".
	PrivacyContact string
}

func (c *Config) setDefaults() error {
	if c.SiteName == "" {
		c.SiteName = "masthead"
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://localhost:8080"
	}
	// The site's links are root-relative, so it must own its origin.
	origin, err := siteOrigin(c.BaseURL)
	if err != nil {
		return fmt.Errorf("web: BaseURL %w", err)
	}
	c.BaseURL = origin
	if c.Language == "" {
		c.Language = "en"
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	if c.PageSize <= 0 {
		c.PageSize = 10
	}
	if c.FeedSize <= 0 {
		c.FeedSize = 20
	}
	if c.CacheBytes <= 0 {
		c.CacheBytes = 64 << 20
	}
	if c.PollInterval <= 0 {
		c.PollInterval = 200 * time.Millisecond
	}
	if c.Comments != nil && (c.Comments.Tokens() == nil || c.Avatars.IsZero()) {
		return errors.New("web: Comments need their Tokens (comment.Config.Tokens) and Avatars (comment.NewAvatars)")
	}
	return nil
}

// Server is the public site's http.Handler.
type Server struct {
	cfg    Config
	st     *store.Store
	log    *slog.Logger
	tmpl   *templates
	assets *assets
	cache  *pageCache
	mux    *http.ServeMux

	comments *comment.Service // nil: no comment section
	tokens   *comment.Tokens  // the comments' own, for forms and cookies

	pageCacheControl []string
	nav              atomic.Pointer[sectionsCache]
	seen             atomic.Pointer[seenCookie] // the form-seen cookie article pages hand out now
	secure           bool                       // the site is served over HTTPS: cookies say Secure
	// afterFunc runs f once d has passed: it ages cached article pages and
	// form-seen cookies, so that serving them never reads the clock. Tests
	// replace it with their own clock's.
	afterFunc func(d time.Duration, f func())
	version   atomic.Int64 // the store version the cached pages reflect
	renders   atomic.Int64 // pages rendered, for tests of the cache

	// defaults is the Config's name, address and licence; live is what the
	// stored settings make of them for one cache generation.
	defaults *identity
	live     atomic.Pointer[identity]
}

// New checks the configuration, parses and test-renders the templates, and
// prepares the routes. It reads the store's version once, as the baseline
// Watch compares against.
func New(cfg Config, st *store.Store, logger *slog.Logger) (*Server, error) {
	if st == nil {
		return nil, errors.New("web: nil store")
	}
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, st: st, log: logger, cache: newPageCache(cfg.CacheBytes),
		comments: cfg.Comments, secure: strings.HasPrefix(cfg.BaseURL, "https:"),
		afterFunc: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	if s.comments != nil {
		s.tokens = s.comments.Tokens()
	}
	var err error
	if s.defaults, err = configIdentity(&s.cfg); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s.funcs()); err != nil {
		return nil, err
	}
	if err := s.checkTemplates(); err != nil {
		return nil, err
	}
	s.pageCacheControl = []string{"no-cache"}
	if cfg.PageMaxAge > 0 {
		s.pageCacheControl = []string{fmt.Sprintf("public, max-age=%d", int(cfg.PageMaxAge.Seconds()))}
	}
	v, err := st.Version(context.Background())
	if err != nil {
		return nil, fmt.Errorf("web: read store version: %w", err)
	}
	s.version.Store(v)
	s.mux = s.routes()
	return s, nil
}

// ServeHTTP answers cached pages straight from memory, before any routing:
// that path is the site's hot path and does one map lookup. Everything else
// goes through the router.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.RawQuery == "" && r.URL.RawPath == "" {
		if e := s.cache.get(r.URL.Path); e != nil && s.serveCached(w, r, e) {
			return
		}
	}
	if s.slashRedirect(w, r) {
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Invalidate drops every cached page, for writers in this process that
// cannot wait for Watch.
func (s *Server) Invalidate() { s.cache.drop() }

// Watch polls the store's version until ctx ends and drops the cached pages
// whenever it moved: the CLI or another instance may have written.
func (s *Server) Watch(ctx context.Context) {
	t := time.NewTicker(s.cfg.PollInterval)
	defer t.Stop()
	failing := false
	for {
		v, err := s.st.Version(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			// Log a failure once, not five times a second.
			if !failing {
				s.log.Error("web: read store version; cached pages may be stale", "err", err)
			}
			failing = true
		case err == nil:
			if failing {
				s.log.Info("web: store version readable again")
				failing = false
			}
			if old := s.version.Swap(v); old != v {
				s.cache.drop()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
