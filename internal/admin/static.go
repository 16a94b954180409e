package admin

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
)

// Assets are a screen's own stylesheets and scripts. The back office's
// Content-Security-Policy runs only files from the site itself, so a
// screen that needs more than the layout's serves its files through
// Static rather than inline.
type Assets struct {
	adm    *Admin
	fsys   fs.FS
	prefix string
	urls   map[string]string // file name -> URL with a content hash
}

// Static serves the files in fsys's directory "static" (as a screen embeds
// them: //go:embed templates static) at GET prefix{file}, to anyone: they
// hold nothing secret. prefix is a path under /admin/ ending in a slash,
// such as "/admin/comments/static/". Call it from the screen's Register.
func (a *Admin) Static(prefix string, fsys fs.FS) (*Assets, error) {
	urls, err := assetURLs(fsys, prefix)
	if err != nil {
		return nil, err
	}
	s := &Assets{adm: a, fsys: fsys, prefix: prefix, urls: urls}
	a.HandleFunc("GET "+prefix+"{file}", RolePublic, s.serve)
	return s, nil
}

// assetURLs maps each file in fsys's "static" directory to its address
// under prefix, with a hash of its content that changes when it does.
func assetURLs(fsys fs.FS, prefix string) (map[string]string, error) {
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		return nil, err
	}
	urls := map[string]string{}
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, "static/"+e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		urls[e.Name()] = prefix + e.Name() + "?v=" + hex.EncodeToString(sum[:6])
	}
	return urls, nil
}

// URL is a file's address for the screen's templates. A missing file is a
// programming error that the screen's tests catch, so it yields an
// address that 404s rather than a broken page.
func (s *Assets) URL(name string) string {
	if u, ok := s.urls[name]; ok {
		return u
	}
	return s.prefix + "missing-" + name
}

// serve answers GET prefix{file}. URLs carry a content hash, so a browser
// may keep a file as long as it likes; one asked for without the hash
// keeps the back office's no-store.
func (s *Assets) serve(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if _, ok := s.urls[name]; !ok {
		s.adm.Error(w, r, http.StatusNotFound, "There is no page at this address.")
		return
	}
	if r.URL.Query().Get("v") != "" {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	http.ServeFileFS(w, r, s.fsys, "static/"+name)
}
