package cli

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageCheck finds things on a parsed page and says which item is missing.
type pageCheck struct{ doc *html.Node }

func pageOf(doc *html.Node) pageCheck { return pageCheck{doc} }

func (p pageCheck) all(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.doc)
	return out
}

func (p pageCheck) one(t *testing.T, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	found := p.all(match)
	if len(found) == 0 {
		t.Fatalf("%s: not on the page", what)
	}
	return found[0]
}

// text checks that an element ("tag" or "tag.class") reads exactly want.
func (p pageCheck) text(t *testing.T, what, sel, want string) {
	t.Helper()
	tag, class, _ := strings.Cut(sel, ".")
	n := p.one(t, what, func(n *html.Node) bool {
		return n.Data == tag && (class == "" || strings.Contains(" "+attrOf(n, "class")+" ", " "+class+" "))
	})
	if got := textOf(n); got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// link checks for a link to href whose text is text.
func (p pageCheck) link(t *testing.T, what, href, text string) {
	t.Helper()
	p.one(t, what, func(n *html.Node) bool {
		return n.Data == "a" && attrOf(n, "href") == href && textOf(n) == text
	})
}

func (p pageCheck) contains(t *testing.T, what, want string) {
	t.Helper()
	if !strings.Contains(textOf(p.doc), want) {
		t.Errorf("%s: the page does not say %q", what, want)
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the node's text with white space folded, as a reader sees it.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func ancestor(n *html.Node, tag string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return p
		}
	}
	return nil
}

func ancestorID(n *html.Node, id string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if attrOf(p, "id") == id {
			return true
		}
	}
	return false
}
