package web

import (
	"net/http"
	"path"
	"strings"
)

// routes maps every public address. GET patterns answer HEAD too; anything
// unmatched, whatever the method, gets the 404 page.
func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handleFront)
	m.HandleFunc("GET /page/{n}/{$}", s.handleFront)
	m.HandleFunc("GET /{year}/{month}/{slug}/{$}", s.handleArticle)
	m.HandleFunc("GET /{year}/{month}/{slug}/{sub}/{$}", s.handleArticle) // comment-page-N, feed
	m.HandleFunc("GET /tag/{slug}/{$}", s.handleTag)
	m.HandleFunc("GET /tag/{slug}/page/{n}/{$}", s.handleTag)
	m.HandleFunc("GET /author/{slug}/{$}", s.handleAuthor)
	m.HandleFunc("GET /author/{slug}/page/{n}/{$}", s.handleAuthor)

	m.HandleFunc("GET /feed/{$}", s.handleFeed(rss, listSite))
	m.HandleFunc("GET /feed/atom/{$}", s.handleFeed(atom, listSite))
	m.HandleFunc("GET /tag/{slug}/feed/{$}", s.handleFeed(rss, listTag))
	m.HandleFunc("GET /tag/{slug}/feed/atom/{$}", s.handleFeed(atom, listTag))
	m.HandleFunc("GET /author/{slug}/feed/{$}", s.handleFeed(rss, listAuthor))
	m.HandleFunc("GET /author/{slug}/feed/atom/{$}", s.handleFeed(atom, listAuthor))

	if s.comments != nil {
		m.HandleFunc("POST "+commentsPath+"{$}", s.handleCommentPost)
		m.HandleFunc("POST /wp-comments-post.php", s.handleCommentPost) // where WordPress forms post
		m.HandleFunc("GET "+commentsPath+"feed/{$}", s.handleSiteCommentFeed)
		m.HandleFunc("GET /avatar/{file}", s.handleAvatar)
	}

	m.HandleFunc("GET /sitemap.xml", s.handleSitemap)
	m.HandleFunc("GET /robots.txt", s.handleRobots)
	m.HandleFunc("GET /privacy/{$}", s.handlePrivacy)
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.HandleFunc("GET /static/{name}", s.handleStatic)
	m.HandleFunc("/", s.handleUnmatched)
	return m
}

// handleUnmatched gets what no route takes: the 404 page.
func (s *Server) handleUnmatched(w http.ResponseWriter, r *http.Request) {
	s.notFound(w, r)
}

// slashRedirect sends a path that lacks only its trailing slash to the
// slashed address, permanently (the router's own redirect is a temporary
// 307), and reports whether it did. Only clean paths qualify, so the
// Location can never start "//".
func (s *Server) slashRedirect(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || strings.HasSuffix(p, "/") || path.Clean(p) != p {
		return false
	}
	if _, pattern := s.mux.Handler(r); !strings.HasSuffix(pattern, "/{$}") {
		return false
	}
	target := r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusMovedPermanently)
	return true
}
