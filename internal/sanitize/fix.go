package sanitize

import (
	"strings"

	"golang.org/x/net/html"
)

// commentRel is what every link in a reader's comment carries: user
// generated, not endorsed, no handle on our window.
const commentRel = "ugc nofollow noopener"

// fixArticle finishes what bluemonday leaves: it adds noopener to links
// opening a new window, drops srcset lists holding a URL that is not a web
// URL, and drops iframes and images that no longer have a source.
func fixArticle(s string) string {
	return rewrite(s, func(t *html.Token) bool {
		switch t.Data {
		case "a":
			if attr(t, "target") == "_blank" {
				addRel(t, "noopener")
			}
		case "img", "source":
			if v, ok := lookup(t, "srcset"); ok && !safeSrcset(v) {
				removeAttr(t, "srcset")
			}
			if t.Data == "img" && attr(t, "src") == "" && attr(t, "srcset") == "" {
				return false
			}
		case "iframe":
			return attr(t, "src") != ""
		}
		return true
	})
}

// fixComment gives every link in a comment the comment rel, replacing any.
func fixComment(s string) string {
	return rewrite(s, func(t *html.Token) bool {
		if t.Data == "a" {
			removeAttr(t, "rel")
			t.Attr = append(t.Attr, html.Attribute{Key: "rel", Val: commentRel})
		}
		return true
	})
}

// rewrite re-tokenizes sanitized HTML and lets fix change or drop each start
// tag. A dropped element that has an end tag loses its content too (only
// iframes are dropped that way, and their content is never shown). Tokens fix
// leaves alone are copied byte for byte.
func rewrite(s string, fix func(*html.Token) bool) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	z := html.NewTokenizer(strings.NewReader(s))
	skipping := "" // the element whose content is being dropped
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String() // io.EOF: the input is a string, nothing else can fail
		}
		if skipping != "" {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == skipping {
					skipping = ""
				}
			}
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		t := z.Token()
		before := t.String()
		if !fix(&t) {
			if tt == html.StartTagToken && !isVoid(t.Data) {
				skipping = t.Data
			}
			continue
		}
		if after := t.String(); after != before {
			b.WriteString(after)
		} else {
			b.WriteString(raw)
		}
	}
}

func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

func lookup(t *html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

func attr(t *html.Token, key string) string {
	v, _ := lookup(t, key)
	return v
}

func removeAttr(t *html.Token, key string) {
	kept := t.Attr[:0]
	for _, a := range t.Attr {
		if a.Key != key {
			kept = append(kept, a)
		}
	}
	t.Attr = kept
}

// addRel adds one keyword to the rel attribute unless it is already there.
func addRel(t *html.Token, keyword string) {
	for i, a := range t.Attr {
		if a.Key != "rel" {
			continue
		}
		for _, f := range strings.Fields(a.Val) {
			if strings.EqualFold(f, keyword) {
				return
			}
		}
		t.Attr[i].Val = strings.TrimSpace(a.Val + " " + keyword)
		return
	}
	t.Attr = append(t.Attr, html.Attribute{Key: "rel", Val: keyword})
}

// safeSrcset reports whether every candidate in a srcset list is an http(s)
// or relative URL. bluemonday checks src but not srcset.
func safeSrcset(v string) bool {
	for _, cand := range strings.Split(v, ",") {
		fields := strings.Fields(cand)
		if len(fields) == 0 {
			continue
		}
		if !SafeURL(fields[0], true) {
			return false
		}
	}
	return true
}
