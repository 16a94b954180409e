package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestFrontTagAndAuthorPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())

		front := get(t, s, "/")
		card := one(t, front, "front page card", tag("li", hasClass("card")))
		link := one(t, card, "headline link", tag("h2"))
		if text(link) != refHeadline || attr(one(t, link, "a", tag("a")), "href") != a.Path() {
			t.Errorf("front page headline = %q", text(link))
		}
		thumb := one(t, card, "thumbnail", tag("img"))
		if attr(thumb, "src") != refImage || attr(thumb, "alt") != "an outlined map of Russia" {
			t.Errorf("thumbnail = %v", thumb.Attr)
		}
		meta := text(one(t, card, "meta", tag("p", hasClass("meta"))))
		if meta != "by Greg Barton · 24 March 2024 · The Conversation" {
			t.Errorf("card meta = %q", meta)
		}
		if sum := text(one(t, card, "summary", tag("p", hasClass("summary")))); sum != a.Summary {
			t.Errorf("summary = %q", sum)
		}
		if title := text(one(t, front, "title", tag("title"))); title != "masthead – Independent news, freely shared" {
			t.Errorf("front title = %q", title)
		}

		tagPage := get(t, s, "/tag/russia/")
		if h := text(one(t, tagPage, "h1", tag("h1"))); h != "Russia" {
			t.Errorf("tag page h1 = %q", h)
		}
		if h := text(one(t, tagPage, "story on tag page", tag("h2", hasClass("card-title")))); h != refHeadline {
			t.Errorf("tag page lists %q", h)
		}
		one(t, tagPage, "tag feed alternate", tag("link", attrIs("rel", "alternate"), attrIs("href", testBaseURL+"/tag/russia/feed/")))
		one(t, tagPage, "current section", tag("a", attrIs("href", "/tag/russia/"), attrIs("aria-current", "page")))

		authorPage := get(t, s, "/author/greg-barton/")
		if h := text(one(t, authorPage, "h1", tag("h1"))); h != "Greg Barton" {
			t.Errorf("author page h1 = %q", h)
		}
		if intro := text(one(t, authorPage, "intro", tag("p", hasClass("intro")))); intro != refAuthor {
			t.Errorf("author intro = %q", intro)
		}
		one(t, authorPage, "profile link", tag("a", attrIs("href", refProfile)))
		if h := text(one(t, authorPage, "story on author page", tag("h2", hasClass("card-title")))); h != refHeadline {
			t.Errorf("author page lists %q", h)
		}

		for _, p := range []string{"/tag/nothing-here/", "/author/nobody/", "/tag/Russia/"} {
			if res, _ := do(t, s, "GET", p); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
			}
		}
	})
}

func TestPagination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		base := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
		for i := 1; i <= 7; i++ {
			save(t, st, &article.Article{Slug: fmt.Sprintf("story-%d", i), Headline: fmt.Sprintf("Story %d", i),
				BodyHTML: "<p>x</p>", Tags: []string{"Local"}, Authors: []article.Author{{Name: "Ana Reporter"}},
				Published: base.Add(time.Duration(i) * time.Hour)})
		}
		cfg := testConfig()
		cfg.PageSize = 3
		s := newServer(t, st, cfg)
		headlines := func(target string) string {
			doc := get(t, s, target)
			var out []string
			for _, h := range findAll(doc, tag("h2", hasClass("card-title"))) {
				out = append(out, text(h))
			}
			return strings.Join(out, ",")
		}
		for target, want := range map[string]string{
			"/":                            "Story 7,Story 6,Story 5",
			"/page/2/":                     "Story 4,Story 3,Story 2",
			"/?page=3":                     "Story 1",
			"/page/3/":                     "Story 1",
			"/tag/local/page/3/":           "Story 1",
			"/author/ana-reporter/?page=2": "Story 4,Story 3,Story 2",
		} {
			if got := headlines(target); got != want {
				t.Errorf("%s lists %s, want %s", target, got, want)
			}
		}
		doc := get(t, s, "/page/2/")
		one(t, doc, "newer link", tag("a", attrIs("rel", "prev"), attrIs("href", "/")))
		one(t, doc, "older link", tag("a", attrIs("rel", "next"), attrIs("href", "/page/3/")))
		if c := attr(one(t, doc, "canonical", tag("link", attrIs("rel", "canonical"))), "href"); c != testBaseURL+"/page/2/" {
			t.Errorf("page 2 canonical = %q", c)
		}
		res, _ := do(t, s, "GET", "/page/1/")
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/" {
			t.Errorf("/page/1/ = %d -> %q, want 301 -> /", res.StatusCode, res.Header.Get("Location"))
		}
		for _, p := range []string{"/page/4/", "/?page=4", "/page/0/", "/page/-1/", "/page/01/", "/page/abc/",
			"/?page=abc", "/?page=99999999999999999999999", "/page/99999999999999999999/", "/tag/local/page/9/"} {
			if res, _ := do(t, s, "GET", p); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
			}
		}
	})
}

func TestEmptySite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		s := newServer(t, st, testConfig())
		doc := get(t, s, "/")
		if e := text(one(t, doc, "empty note", tag("p", hasClass("empty")))); e != "No stories yet." {
			t.Errorf("empty front page says %q", e)
		}
		for _, p := range []string{"/feed/", "/feed/atom/", "/sitemap.xml"} {
			if res, body := do(t, s, "GET", p); res.StatusCode != http.StatusOK || !wellFormed(body) {
				t.Errorf("empty %s = %d, well-formed %v", p, res.StatusCode, wellFormed(body))
			}
		}
	})
}
