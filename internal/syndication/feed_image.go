package syndication

import (
	"strings"

	"golang.org/x/net/html"

	"masthead/internal/article"
)

// leadImage returns the story's lead image. When the feed gives one
// separately (given.URL set), the body's copy of that image, if any, fills
// in its alt text, caption and credit. Otherwise it is the first <figure>
// in the body: its image, the image's alt text, and from the figcaption
// span.caption as caption and span.attribution as credit (The Conversation's
// markup), or the whole figcaption as caption. body is sanitized HTML.
func leadImage(body string, given article.Image) article.Image {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return given
	}
	if given.URL != "" {
		img := findNode(doc, func(n *html.Node) bool { return isElement(n, "img") && attrOf(n, "src") == given.URL })
		if img != nil {
			found := imageFrom(img, ancestor(img, "figure"))
			given.Alt = firstNonEmpty(given.Alt, found.Alt)
			given.Caption = firstNonEmpty(given.Caption, found.Caption)
			given.Credit = firstNonEmpty(given.Credit, found.Credit)
		}
		return given
	}
	fig := findNode(doc, func(n *html.Node) bool { return isElement(n, "figure") })
	if fig == nil {
		return article.Image{}
	}
	img := findNode(fig, func(n *html.Node) bool { return isElement(n, "img") && attrOf(n, "src") != "" })
	if img == nil {
		return article.Image{}
	}
	return imageFrom(img, fig)
}

func imageFrom(img, fig *html.Node) article.Image {
	im := article.Image{URL: attrOf(img, "src"), Alt: strings.TrimSpace(attrOf(img, "alt"))}
	if fig == nil {
		return im
	}
	caption := findNode(fig, func(n *html.Node) bool { return isElement(n, "figcaption") })
	if caption == nil {
		return im
	}
	c := findNode(caption, func(n *html.Node) bool { return hasClass(n, "caption") })
	a := findNode(caption, func(n *html.Node) bool { return hasClass(n, "attribution") || hasClass(n, "credit") })
	if c == nil && a == nil {
		im.Caption = nodeText(caption)
		return im
	}
	im.Caption, im.Credit = nodeText(c), nodeText(a)
	return im
}

// findNode returns the first node under n (n included), depth first, for
// which match is true.
func findNode(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findNode(c, match); found != nil {
			return found
		}
	}
	return nil
}

func ancestor(n *html.Node, name string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if isElement(p, name) {
			return p
		}
	}
	return nil
}

func isElement(n *html.Node, name string) bool {
	return n.Type == html.ElementNode && n.Data == name
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+attrOf(n, "class")+" ", " "+class+" ")
}

// nodeText is the text under n with white space collapsed; "" for nil.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
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
