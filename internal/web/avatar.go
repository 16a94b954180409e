package web

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/comment"
)

// handleAvatar draws a commenter's identicon, /avatar/{hash}.svg, here:
// nothing about the commenter is sent anywhere to get a picture. The
// picture depends on the name alone, so it is cached for a year.
func (s *Server) handleAvatar(w http.ResponseWriter, r *http.Request) {
	hash, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	svg, err := comment.IdenticonSVG(hash)
	if !ok || err != nil {
		s.notFound(w, r)
		return
	}
	etag := `"` + hash + `"`
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	h.Set("X-Content-Type-Options", "nosniff")
	// Drawn by us, but an SVG opened on its own is a document: let it run nothing.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	if etagListed(r.Header["If-None-Match"], etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(svg)))
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Write(svg)
}
