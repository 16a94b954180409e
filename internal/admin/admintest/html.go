package admintest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Elements parses a page as a browser would and calls visit for each
// element, in document order, with its attributes by name: where tests of
// what a page shows, and of what in it could run, start.
func Elements(t *testing.T, body string, visit func(n *html.Node, attrs map[string]string)) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attrs := map[string]string{}
		for _, a := range n.Attr {
			attrs[a.Key] = a.Val
		}
		visit(n, attrs)
	}
}
