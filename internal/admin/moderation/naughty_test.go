package moderation_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// parsed is what the test checks of a page: the comments' texts and
// authors, and anything that could run.
type parsed struct {
	texts, authors, reasons []string
	scripts                 []string // src of each <script>
	handlers                []string // on* attributes, javascript: URLs
}

func parsePage(t *testing.T, body string) parsed {
	t.Helper()
	var p parsed
	admintest.Elements(t, body, func(n *html.Node, attrs map[string]string) {
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || (urlAttr(a.Key) && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:")) {
				p.handlers = append(p.handlers, n.Data+" "+a.Key+"="+a.Val)
			}
		}
		switch class := attrs["class"]; {
		case n.Data == "script":
			p.scripts = append(p.scripts, attrs["src"])
		case n.Data == "div" && class == "text":
			p.texts = append(p.texts, textOf(t, n))
		case n.Data == "a" && class == "author":
			p.authors = append(p.authors, textOf(t, n))
		case class == "reason":
			p.reasons = append(p.reasons, textOf(t, n))
		}
	})
	return p
}

// urlAttr: attributes a browser follows or loads.
func urlAttr(key string) bool {
	switch key {
	case "href", "src", "action", "formaction", "srcset", "data", "poster":
		return true
	}
	return false
}

// textOf is an element's text, which must be all it holds.
func textOf(t *testing.T, n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.TextNode {
			t.Errorf("a <%s class=%q> holds a <%s> element", n.Data, attr(n, "class"), c.Data)
			continue
		}
		b.WriteString(c.Data)
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestNaughtyCommentsShowAsText(t *testing.T) {
	list := admintest.NaughtyStrings(t, "..")
	each(t, 1000, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		var texts []string
		seen := map[string]bool{}
		for i, s := range list {
			if strings.TrimSpace(s) == "" || seen[s] {
				continue // no comment is empty; the same text twice is a duplicate
			}
			seen[s] = true
			texts = append(texts, s)
			e.comment(comment.Comment{Author: s, Email: s, URL: s, Content: s, IP: s, UserAgent: s, Referrer: s,
				Status: comment.StatusPending, Created: t0().Add(-time.Duration(i) * time.Minute), SpamReasons: []string{s}})
		}
		b := e.SignIn("mo@example.org")
		page := b.Get("/admin/comments")
		if page.Status != 200 {
			t.Fatalf("queue: %d", page.Status)
		}
		if n := strings.Count(strings.ToLower(page.Body), "<script"); n != 2 {
			t.Errorf("the page has %d <script tags, want the 2 of the back office", n)
		}
		p := parsePage(t, page.Body)
		harmless(t, "queue", p)
		if len(p.texts) != len(texts) || len(p.reasons) != len(texts) || len(p.authors) != len(texts) {
			t.Fatalf("the queue shows %d texts, %d authors and %d reasons, want %d", len(p.texts), len(p.authors), len(p.reasons), len(texts))
		}
		for i, s := range texts { // newest first: the order stored
			want := admintest.AsParsed(s)
			if got := p.texts[i]; got != want && !(strings.HasSuffix(got, "…") && strings.HasPrefix(want, strings.TrimSuffix(got, "…"))) {
				t.Errorf("text %d shows %q, want %q", i, got, want)
			}
			if p.authors[i] != admintest.AsParsed(s) {
				t.Errorf("author %d shows %q, want %q", i, p.authors[i], s)
			}
			if p.reasons[i] != admintest.AsParsed(s) {
				t.Errorf("reason %d shows %q, want %q", i, p.reasons[i], s)
			}
		}

		// The search term is naughty too, and the comment page shows all.
		for _, s := range []string{`<script>alert(123)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`} {
			page := b.Get("/admin/comments?q=" + url.QueryEscape(s))
			harmless(t, "search "+s, parsePage(t, page.Body))
		}
		all, err := e.Store.Comments(t.Context(), store.CommentQuery{Limit: 40})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			page := b.Get("/admin/comments/" + itoa(c.ID))
			if n := strings.Count(strings.ToLower(page.Body), "<script"); n != 2 {
				t.Errorf("comment %d's page has %d <script tags", c.ID, n)
			}
			harmless(t, "comment "+itoa(c.ID), parsePage(t, page.Body))
		}
	})
}

func harmless(t *testing.T, what string, p parsed) {
	t.Helper()
	if len(p.scripts) != 2 || !strings.HasPrefix(p.scripts[0], "/admin/static/admin.js?v=") ||
		!strings.HasPrefix(p.scripts[1], "/admin/comments/static/moderation.js?v=") {
		t.Errorf("%s: scripts %q, want only the back office's own", what, p.scripts)
	}
	if len(p.handlers) > 0 {
		t.Errorf("%s: %d event handlers or javascript: URLs in the page, such as %q", what, len(p.handlers), p.handlers[0])
	}
}
