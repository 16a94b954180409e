package cli

import (
	"net/http"
	"strings"
)

// router sends each request to the part of masthead that owns its path.
// It is a prefix switch rather than a ServeMux so a cached article page
// costs nothing more than a few string comparisons on its way to the site.
type router struct {
	site    http.Handler
	admin   http.Handler // /admin/…
	akismet http.Handler // /1.1/…, /1.2/… (nil when not mounted)
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/admin"):
		if p == "/admin" {
			http.Redirect(w, r, "/admin/", http.StatusMovedPermanently)
			return
		}
		rt.admin.ServeHTTP(w, r)
	case rt.akismet != nil && (strings.HasPrefix(p, "/1.1/") || strings.HasPrefix(p, "/1.2/")):
		rt.akismet.ServeHTTP(w, r)
	default:
		rt.site.ServeHTTP(w, r)
	}
}
