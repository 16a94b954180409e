package settings_test

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// formValues is what a browser would send from the page's settings form
// as it stands: text fields, ticked boxes, selected options, textareas.
func formValues(t *testing.T, body string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	v := url.Values{}
	var walk func(n *html.Node, sel string)
	walk = func(n *html.Node, sel string) {
		if n.Type == html.ElementNode {
			a := attrs(n)
			switch n.Data {
			case "input":
				if a["type"] == "checkbox" {
					if _, on := a["checked"]; !on {
						break
					}
				}
				v.Add(a["name"], a["value"])
			case "textarea":
				if n.FirstChild != nil {
					v.Add(a["name"], n.FirstChild.Data)
				} else {
					v.Add(a["name"], "")
				}
			case "select":
				sel = a["name"]
			case "option":
				if _, on := a["selected"]; on {
					v.Add(sel, a["value"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, sel)
		}
	}
	walk(doc, "")
	return v
}

func attrs(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}
