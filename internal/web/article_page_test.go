package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestArticlePage checks every part of the reference page on the page
// served for the stored reference story.
func TestArticlePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())
		res, body := do(t, s, "GET", a.Path())
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("GET %s = %d %q", a.Path(), res.StatusCode, res.Header.Get("Content-Type"))
		}
		doc := parseHTML(t, body)
		story := one(t, doc, "article.story", tag("article", hasClass("story")))
		storyBody := one(t, doc, "div.story-body", tag("div", hasClass("story-body")))

		t.Run("reads like the reference page, in order", func(t *testing.T) {
			page := text(one(t, doc, "body", tag("body")))
			at := 0
			for _, line := range strings.Split(readTestdata(t, "reference-page.txt"), "\n") {
				line = collapse(line)
				switch line {
				case "", "*", "an outlined map of Russia": // the form's asterisks; the image's alt text
					continue
				}
				line = strings.Replace(line, "uses Akismet to", "uses masthead's own spam filter to", 1)
				i := strings.Index(page[at:], line)
				if i < 0 {
					t.Fatalf("after offset %d the page lacks %q", at, line)
				}
				at += i + len(line)
			}
		})
		t.Run("headline", func(t *testing.T) {
			if h1 := one(t, doc, "h1", tag("h1")); text(h1) != refHeadline || !inside(h1, tag("article")) {
				t.Errorf("h1 = %q", text(h1))
			}
		})
		t.Run("image with alt, caption and credit, once", func(t *testing.T) {
			img := one(t, doc, "lead image", tag("img", attrIs("src", refImage)))
			if attr(img, "alt") != "an outlined map of Russia" {
				t.Errorf("alt = %q", attr(img, "alt"))
			}
			fig := img.Parent
			if fig.Data != "figure" {
				t.Fatalf("image sits in <%s>, want <figure>", fig.Data)
			}
			caption := text(one(t, fig, "figcaption", tag("figcaption")))
			if !strings.Contains(caption, "An outline map of the Russian Federation.") || !strings.Contains(caption, "Shutterstock") {
				t.Errorf("figcaption = %q", caption)
			}
			if n := len(findAll(doc, tag("figure", hasClass("lead-figure")))); n != 0 {
				t.Errorf("separate lead figure shown although the body has the image")
			}
		})
		t.Run("byline with profile link and credit line", func(t *testing.T) {
			by := one(t, story, "p.byline", tag("p", hasClass("byline")))
			want := "by Greg Barton, Deakin University, [This article first appeared in The Conversation, republished with permission]"
			if text(by) != want {
				t.Errorf("byline = %q\nwant %q", text(by), want)
			}
			link := one(t, by, "byline link", tag("a"))
			if attr(link, "href") != refProfile || text(link) != "Greg Barton, Deakin University" {
				t.Errorf("byline link = %q -> %q", text(link), attr(link, "href"))
			}
			if len(findAll(story, tag("a", attrIs("href", "/author/greg-barton/")))) == 0 {
				t.Error("no link to the author's page")
			}
		})
		t.Run("dates", func(t *testing.T) {
			times := findAll(one(t, story, "dateline", tag("p", hasClass("dateline"))), tag("time"))
			if len(times) != 2 || attr(times[0], "datetime") != "2024-03-24T03:40:21Z" || text(times[0]) != "24 March 2024" ||
				attr(times[1], "datetime") != "2024-03-24T04:12:09Z" || !strings.Contains(text(times[1].Parent), "Updated") {
				t.Errorf("dateline = %q", text(times[0].Parent))
			}
		})
		t.Run("body as stored", func(t *testing.T) {
			h2 := findAll(storyBody, tag("h2"))
			if len(h2) != 3 || text(h2[0]) != "What is ISIS-K?" {
				t.Errorf("body h2s = %d", len(h2))
			}
			if n := len(findAll(storyBody, tag("p"))); n != 31 { // the reference story's paragraphs
				t.Errorf("body has %d paragraphs, want 31", n)
			}
			counter := one(t, storyBody, "counter image", tag("img", attrIs("src", refCounter)))
			if attr(counter, "width") != "1" || attr(counter, "referrerpolicy") != "no-referrer-when-downgrade" {
				t.Errorf("counter image changed: %v", counter.Attr)
			}
			if !strings.Contains(string(body), strings.TrimSpace(a.BodyHTML)) {
				t.Error("the body is not in the page byte for byte")
			}
		})
		t.Run("author bio", func(t *testing.T) {
			bio := one(t, story, "p.author-bio", tag("p", hasClass("author-bio")))
			if text(bio) != refAuthor {
				t.Errorf("bio = %q", text(bio))
			}
		})
		t.Run("closing credit with its three links", func(t *testing.T) {
			p := one(t, story, "p.republished", tag("p", hasClass("republished")))
			want := "This article is republished from The Conversation under a Creative Commons license. Read the original article."
			if text(p) != want {
				t.Errorf("credit = %q", text(p))
			}
			links := findAll(p, tag("a"))
			wantLinks := [][2]string{{"The Conversation", "https://theconversation.com"}, {"Creative Commons license", refLicenceURL}, {"original article", refOriginal}}
			if len(links) != 3 {
				t.Fatalf("credit has %d links", len(links))
			}
			for i, w := range wantLinks {
				if text(links[i]) != w[0] || attr(links[i], "href") != w[1] {
					t.Errorf("link %d = %q -> %q, want %q -> %q", i, text(links[i]), attr(links[i], "href"), w[0], w[1])
				}
			}
		})
		t.Run("comment area and form", func(t *testing.T) {
			area := one(t, doc, "#comments", tag("section", attrIs("id", "comments")))
			if h := text(one(t, area, "comments h2", tag("h2"))); h != `Be the first to comment on "`+refHeadline+`"` {
				t.Errorf("comments heading = %q", h)
			}
			respond := one(t, area, "#respond", tag("div", attrIs("id", "respond")))
			if text(one(t, respond, "reply title", tag("h3"))) != "Leave a comment" {
				t.Error("no \"Leave a comment\" heading")
			}
			form := one(t, respond, "#commentform", tag("form", attrIs("id", "commentform")))
			if attr(form, "method") != "post" || attr(form, "action") != "/comments/" {
				t.Errorf("form %s %s", attr(form, "method"), attr(form, "action"))
			}
			if notes := text(one(t, form, "comment notes", tag("p", hasClass("comment-notes")))); notes != "Your email address will not be published. Required fields are marked *" {
				t.Errorf("notes = %q", notes)
			}
			fields := []struct{ el, name, typ, label string }{
				{"textarea", "comment", "", "Comment*"},
				{"input", "author", "text", "Name*"},
				{"input", "email", "email", "Email*"},
				{"input", "url", "url", "Website"},
			}
			for _, f := range fields {
				in := one(t, form, f.name, tag(f.el, attrIs("name", f.name)))
				if f.typ != "" && attr(in, "type") != f.typ {
					t.Errorf("%s type = %q", f.name, attr(in, "type"))
				}
				label := one(t, form, "label for "+f.name, tag("label", attrIs("for", attr(in, "id"))))
				if attr(in, "id") == "" || text(label) != f.label {
					t.Errorf("%s: label %q for id %q", f.name, text(label), attr(in, "id"))
				}
				_, required := attrMap(in)["required"]
				if required != (f.name != "url") {
					t.Errorf("%s required = %v", f.name, required)
				}
			}
			for name, val := range map[string]string{"comment_post_ID": strconv.FormatInt(a.ID, 10), "comment_parent": "0"} {
				in := one(t, form, name, tag("input", attrIs("name", name)))
				if attr(in, "type") != "hidden" || attr(in, "value") != val {
					t.Errorf("%s = %s %q, want hidden %q", name, attr(in, "type"), attr(in, "value"), val)
				}
			}
			one(t, form, "submit", tag("input", attrIs("type", "submit"), attrIs("value", "Post Comment")))
		})
		t.Run("spam notice links to the privacy page", func(t *testing.T) {
			p := one(t, doc, "spam notice", tag("p", hasClass("spam-notice")))
			if !strings.HasSuffix(text(p), "to reduce spam. Learn how your comment data is processed.") {
				t.Errorf("notice = %q", text(p))
			}
			link := one(t, p, "privacy link", tag("a"))
			if attr(link, "href") != "/privacy/" || text(link) != "Learn how your comment data is processed" {
				t.Errorf("privacy link = %q -> %q", text(link), attr(link, "href"))
			}
		})
		t.Run("head", func(t *testing.T) {
			if title := text(one(t, doc, "title", tag("title"))); title != refHeadline+" – masthead" {
				t.Errorf("title = %q", title)
			}
			if d := metaContent(t, doc, "name", "description"); d != a.Summary {
				t.Errorf("description = %q", d)
			}
			if c := attr(one(t, doc, "canonical", tag("link", attrIs("rel", "canonical"))), "href"); c != refOriginal {
				t.Errorf("canonical = %q", c)
			}
			own := testBaseURL + a.Path()
			for key, want := range map[string]string{
				"og:type": "article", "og:title": refHeadline, "og:description": a.Summary, "og:url": own,
				"og:image": refImage, "og:site_name": "masthead", "article:published_time": "2024-03-24T03:40:21Z",
			} {
				if got := metaContent(t, doc, "property", key); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			for key, want := range map[string]string{"twitter:card": "summary_large_image", "twitter:title": refHeadline, "twitter:image": refImage} {
				if got := metaContent(t, doc, "name", key); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			feeds := map[string]string{"application/rss+xml": testBaseURL + "/feed/", "application/atom+xml": testBaseURL + "/feed/atom/"}
			for typ, href := range feeds {
				one(t, doc, typ+" alternate", tag("link", attrIs("rel", "alternate"), attrIs("type", typ), attrIs("href", href)))
			}
		})
		t.Run("JSON-LD", func(t *testing.T) {
			var ld struct {
				Type          string `json:"@type"`
				Headline      string `json:"headline"`
				Description   string `json:"description"`
				Image         []string
				DatePublished string `json:"datePublished"`
				DateModified  string `json:"dateModified"`
				IsBasedOn     string `json:"isBasedOn"`
				License       string `json:"license"`
				Author        []struct {
					Type        string `json:"@type"`
					Name, URL   string
					Affiliation struct{ Type, Name string }
				} `json:"author"`
				Publisher        struct{ Name string }
				MainEntityOfPage struct {
					ID string `json:"@id"`
				}
			}
			script := one(t, doc, "JSON-LD", tag("script", attrIs("type", "application/ld+json")))
			if err := json.Unmarshal([]byte(script.FirstChild.Data), &ld); err != nil {
				t.Fatalf("JSON-LD: %v\n%s", err, script.FirstChild.Data)
			}
			if ld.Type != "NewsArticle" || ld.Headline != refHeadline || ld.Description != a.Summary ||
				len(ld.Image) != 1 || ld.Image[0] != refImage || ld.DatePublished != "2024-03-24T03:40:21Z" ||
				ld.DateModified != "2024-03-24T04:12:09Z" || ld.IsBasedOn != refOriginal || ld.License != refLicenceURL ||
				ld.Publisher.Name != "masthead" || ld.MainEntityOfPage.ID != testBaseURL+a.Path() {
				t.Errorf("JSON-LD = %+v", ld)
			}
			if len(ld.Author) != 1 || ld.Author[0].Type != "Person" || ld.Author[0].Name != "Greg Barton" ||
				ld.Author[0].URL != refProfile || ld.Author[0].Affiliation.Name != "Deakin University" {
				t.Errorf("JSON-LD author = %+v", ld.Author)
			}
		})
		t.Run("semantic page", func(t *testing.T) {
			if lang := attr(one(t, doc, "html", tag("html")), "lang"); lang != "en" {
				t.Errorf("lang = %q", lang)
			}
			skip := one(t, doc, "skip link", tag("a", hasClass("skip-link")))
			one(t, doc, "skip target", tag("main", attrIs("id", strings.TrimPrefix(attr(skip, "href"), "#"))))
			for _, el := range []string{"header", "nav", "footer"} {
				if len(findAll(doc, tag(el))) == 0 {
					t.Errorf("no <%s>", el)
				}
			}
			if text(one(t, doc, "site title", tag("p", hasClass("site-title")))) != "masthead" {
				t.Error("site name missing from the masthead")
			}
		})
	})
}

func TestLeadImageAndOwnStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		when := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
		a := save(t, st, &article.Article{
			Slug: "council-votes", Headline: "Council votes to reopen the pool", Summary: "After two years.",
			BodyHTML: "<p>The council voted on Tuesday.</p>",
			Image:    article.Image{URL: "/media/pool.jpg", Alt: "the empty pool", Caption: "The pool in winter.", Credit: "Staff photographer"},
			Authors:  []article.Author{{Name: "Ana Reporter"}}, Published: when, Updated: when, CommentsClosed: true,
		})
		s := newServer(t, st, testConfig())
		doc := get(t, s, a.Path())
		fig := one(t, doc, "lead figure", tag("figure", hasClass("lead-figure")))
		img := one(t, fig, "lead image", tag("img"))
		if attr(img, "src") != "/media/pool.jpg" || attr(img, "alt") != "the empty pool" {
			t.Errorf("lead image = %v", img.Attr)
		}
		if c := text(one(t, fig, "caption", tag("figcaption"))); c != "The pool in winter. Staff photographer" {
			t.Errorf("caption = %q", c)
		}
		if c := attr(one(t, doc, "canonical", tag("link", attrIs("rel", "canonical"))), "href"); c != testBaseURL+a.Path() {
			t.Errorf("own story canonical = %q", c)
		}
		if og := metaContent(t, doc, "property", "og:image"); og != testBaseURL+"/media/pool.jpg" {
			t.Errorf("og:image = %q, want it absolute", og)
		}
		by := one(t, doc, "byline", tag("p", hasClass("byline")))
		if text(by) != "by Ana Reporter" || attr(one(t, by, "a", tag("a")), "href") != "/author/ana-reporter/" {
			t.Errorf("own byline = %q", text(by))
		}
		if len(findAll(doc, hasClass("republished"))) != 0 || strings.Contains(text(doc), "first appeared") || strings.Contains(text(doc), "Updated") {
			t.Error("own story shows a republishing credit or an update")
		}
		script := one(t, doc, "JSON-LD", tag("script", attrIs("type", "application/ld+json")))
		if strings.Contains(script.FirstChild.Data, "isBasedOn") {
			t.Error("own story's JSON-LD claims to be based on something")
		}
		area := one(t, doc, "#comments", tag("section", attrIs("id", "comments")))
		if len(findAll(area, tag("form"))) != 0 || !strings.Contains(text(area), "Comments are closed.") {
			t.Errorf("closed comments show %q", text(area))
		}
	})
}

func TestJSONLDCannotCloseItsScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		evil := `A </script><script>alert(1)</script> & "quotes"`
		a := save(t, st, &article.Article{Slug: "evil", Headline: evil, Summary: evil, BodyHTML: "<p>x</p>",
			Published: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)})
		s := newServer(t, st, testConfig())
		doc := get(t, s, a.Path())
		scripts := findAll(doc, tag("script", attrIs("src", ""))) // inline ones; the comment script is a file
		if len(scripts) != 1 {
			t.Fatalf("%d inline script elements, want only the JSON-LD", len(scripts))
		}
		var ld struct{ Headline string }
		if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &ld); err != nil || ld.Headline != evil {
			t.Errorf("JSON-LD headline = %q, %v", ld.Headline, err)
		}
		if h := text(one(t, doc, "h1", tag("h1"))); h != evil {
			t.Errorf("h1 = %q", h)
		}
	})
}

func attrMap(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}
