package web

import (
	"testing"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestNotFoundRedirectsAndOddInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())
		slashless := a.Path()[:len(a.Path())-1]
		cases := []struct {
			name, method, target string
			code                 int
			location             string
		}{
			{"unknown path", "GET", "/no/such/page/here/", 404, ""},
			{"unknown story", "GET", "/2024/03/no-such-story/", 404, ""},
			{"bad month", "GET", "/2024/xx/some-story/", 404, ""},
			{"long year", "GET", "/20245/03/x/", 404, ""},
			{"unknown file", "GET", "/wp-login.php", 404, ""},
			{"favicon", "GET", "/favicon.ico", 404, ""},
			{"unknown static", "GET", "/static/nope.css", 404, ""},
			{"static traversal", "GET", "/static/..%2fstatic.go", 404, ""},
			{"bad escape", "GET", "/%ff%fe/", 404, ""},
			{"nul in slug", "GET", "/tag/%00/", 404, ""},
			{"slash in slug", "GET", "/tag/a%2Fb/", 404, ""},
			{"post to a page", "POST", a.Path(), 404, ""},
			{"delete", "DELETE", "/", 404, ""},
			{"head story", "HEAD", a.Path(), 200, ""},
			{"head missing", "HEAD", "/2024/03/nope/", 404, ""},
			{"story without slash", "GET", slashless, 301, a.Path()},
			{"privacy without slash", "GET", "/privacy", 301, "/privacy/"},
			{"tag without slash keeps query", "GET", "/tag/russia?page=1", 301, "/tag/russia/?page=1"},
			{"feed without slash", "HEAD", "/feed/atom", 301, "/feed/atom/"},
			{"double slash", "GET", "//evil.example/", 307, "/evil.example/"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				res, body := do(t, s, c.method, c.target)
				if res.StatusCode != c.code || res.Header.Get("Location") != c.location {
					t.Fatalf("%s %s = %d -> %q, want %d -> %q", c.method, c.target, res.StatusCode, res.Header.Get("Location"), c.code, c.location)
				}
				if c.code != 404 || c.method == "HEAD" {
					return
				}
				doc := parseHTML(t, body)
				if text(one(t, doc, "h1", tag("h1"))) != "Page not found" || text(one(t, doc, "site title", tag("p", hasClass("site-title")))) != "masthead" {
					t.Errorf("404 page lacks its heading or the site chrome")
				}
				if res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
					t.Errorf("404 content type %q", res.Header.Get("Content-Type"))
				}
				one(t, doc, "noindex", tag("meta", attrIs("name", "robots"), attrIs("content", "noindex")))
			})
		}
	})
}

func TestNewChecksConfig(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		for _, base := range []string{"news.example", "ftp://news.example", "http://", "::", "https://example.com/news/"} {
			if _, err := New(Config{BaseURL: base}, st, nil); err == nil {
				t.Errorf("BaseURL %q accepted", base)
			}
		}
		s, err := New(Config{BaseURL: "https://news.example/"}, st, nil)
		if err != nil || s.cfg.SiteName != "masthead" || s.cfg.BaseURL != "https://news.example" {
			t.Errorf("defaults: %+v, %v", s, err)
		}
	})
}
