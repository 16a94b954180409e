package syndication

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttr reports whether an attribute holds a URL that can survive
// sanitizing.
func urlAttr(key string) bool {
	switch key {
	case "href", "src", "cite", "poster":
		return true
	}
	return false
}

// resolveHTML makes the relative URLs in a body absolute against base, so
// links and images still work on our site. Tokens without a relative URL
// are copied byte for byte: the body is otherwise left as received.
func resolveHTML(base *url.URL, s string) string {
	if base == nil || !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		t := z.Token()
		changed := false
		for i, a := range t.Attr {
			var v string
			switch {
			case urlAttr(a.Key):
				v = resolve(base, a.Val)
			case a.Key == "srcset":
				v = resolveSrcset(base, a.Val)
			default:
				continue
			}
			if v != a.Val {
				t.Attr[i].Val, changed = v, true
			}
		}
		if changed {
			b.WriteString(t.String())
		} else {
			b.WriteString(raw)
		}
	}
}

// resolve makes ref absolute against base. Links within the page ("#note-1")
// stay as they are, as does anything that does not parse (the sanitizer
// decides about those).
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if base == nil || ref == "" || strings.HasPrefix(ref, "#") {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

func resolveSrcset(base *url.URL, v string) string {
	cands := strings.Split(v, ",")
	for i, c := range cands {
		f := strings.Fields(c)
		if len(f) == 0 {
			continue
		}
		f[0] = resolve(base, f[0])
		cands[i] = strings.Join(f, " ")
	}
	return strings.Join(cands, ", ")
}

// htmlText returns the text of an HTML fragment with tags removed, entities
// decoded and white space collapsed, for summaries and captions.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside script or style
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6",
				"blockquote", "figcaption", "tr", "td", "th", "dt", "dd":
				b.WriteByte(' ') // block boundaries separate words
			}
		}
	}
}
