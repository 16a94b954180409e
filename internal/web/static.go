package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// assets are the embedded files, each ready to send. Pages link to a
// fingerprinted name (style.3f2a…css) cached for a year, so a new build's
// stylesheet is fetched at once; the plain name works too, cached briefly.
type assets struct {
	byName map[string]*entry
	urls   map[string]string // plain name -> fingerprinted URL
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*entry{}, urls: map[string]string{}}
	files, err := fs.ReadDir(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := f.Name()
		body, err := fs.ReadFile(staticFiles, "static/"+name)
		if err != nil {
			return nil, err
		}
		ext := path.Ext(name)
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			return nil, fmt.Errorf("web: static/%s: unknown content type", name)
		}
		sum := sha256.Sum256(body)
		fp := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		a.byName[fp] = newEntry(body, ctype, []string{"public, max-age=31536000, immutable"})
		a.byName[name] = newEntry(body, ctype, []string{"public, max-age=3600"})
		a.urls[name] = "/static/" + fp
	}
	for _, need := range []string{"style.css", "favicon.svg", "comments.js"} {
		if a.urls[need] == "" {
			return nil, fmt.Errorf("web: static/%s missing", need)
		}
	}
	return a, nil
}

// url is the fingerprinted address of a plain asset name.
func (a *assets) url(name string) string { return a.urls[name] }

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	e := s.assets.byName[r.PathValue("name")]
	if e == nil {
		s.notFound(w, r)
		return
	}
	e.serve(w, r)
}
