package sanitize

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzPolicies checks the promises both policies make on any input: no
// element that runs or embeds code, no event handler or style attribute,
// and no URL attribute that is not a web or mail URL.
func FuzzPolicies(f *testing.F) {
	for _, s := range []string{
		counterImage,
		`<img src=x onerror=alert(1)>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<svg onload=alert(1)>`,
		`<iframe src="https://www.youtube.com/embed/x" width=5></iframe>`,
		`<img srcset="data:image/png;base64,AA 1x">`,
		`<p style="display:none">hidden</p><!-- c -->`,
		`<a href="https://e.org" target="_blank" rel="x">e</a>`,
		`<math><mi xlink:href="javascript:1">m</mi></math><form><input></form>`,
	} {
		f.Add(s)
	}
	p := New()
	f.Fuzz(func(t *testing.T, in string) {
		for policy, out := range map[string]string{"Article": p.Article(in), "Comment": p.Comment(in)} {
			if problem := unsafeHTML(out); problem != "" {
				t.Errorf("%s(%q) = %q: %s", policy, in, out, problem)
			}
		}
	})
}

// unsafeHTML describes the first thing in s a sanitizer must not let
// through, or returns "".
func unsafeHTML(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.CommentToken:
			return "comment"
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.Data {
			case "script", "style", "object", "embed", "form", "input", "svg", "math", "base", "meta", "link":
				return "element " + t.Data
			}
			for _, a := range t.Attr {
				switch {
				case strings.HasPrefix(a.Key, "on"), a.Key == "style":
					return "attribute " + a.Key
				case a.Key == "href" || a.Key == "src" || a.Key == "cite":
					if !webOrMail(a.Val) {
						return "URL " + a.Val
					}
				case a.Key == "srcset" && !safeSrcset(a.Val):
					return "srcset " + a.Val
				}
			}
			if t.Data == "iframe" && !strings.HasPrefix(attr(&t, "src"), "https://") {
				return "iframe without an https source"
			}
		}
	}
}

// webOrMail reports whether u is relative or an http, https or mailto URL:
// the schemes that cannot run code.
func webOrMail(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}
