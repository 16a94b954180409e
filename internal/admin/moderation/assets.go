package moderation

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"

	"masthead/internal/admin"
)

// assets serves the queue's own stylesheet and script: the back office's
// Content-Security-Policy runs only files from the site itself.
type assets struct {
	fsys   fs.FS
	prefix string
	urls   map[string]string // file name -> URL with a content hash
}

func newAssets(fsys fs.FS, prefix string) (*assets, error) {
	a := &assets{fsys: fsys, prefix: prefix, urls: map[string]string{}}
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, "static/"+e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		a.urls[e.Name()] = prefix + e.Name() + "?v=" + hex.EncodeToString(sum[:6])
	}
	return a, nil
}

// url is a file's address; a missing file is a programming error that the
// package's tests catch, so it yields an address that 404s rather than a
// broken page.
func (a *assets) url(name string) string {
	if u, ok := a.urls[name]; ok {
		return u
	}
	return a.prefix + "missing-" + name
}

// serve answers GET …/static/{file}. URLs carry a content hash, so a
// browser may keep a file as long as it likes.
func (a *assets) serve(adm *admin.Admin) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		if _, ok := a.urls[name]; !ok {
			adm.Error(w, r, http.StatusNotFound, "There is no page at this address.")
			return
		}
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		http.ServeFileFS(w, r, a.fsys, "static/"+name)
	}
}
