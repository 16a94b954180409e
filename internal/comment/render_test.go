package comment_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"masthead/internal/comment"
)

func TestRenderText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Hello", "<p>Hello</p>\n"},
		{"paragraphs and breaks", "one\ntwo\n\n\nthree\r\nfour", "<p>one<br>\ntwo</p>\n<p>three<br>\nfour</p>\n"},
		{"markup shows as text", "<b>bold</b> & co", "<p>&lt;b&gt;bold&lt;/b&gt; &amp; co</p>\n"},
		{"link", "see https://example.org/a?b=1&c=2.", `<p>see <a href="https://example.org/a?b=1&amp;c=2" rel="ugc nofollow noopener">https://example.org/a?b=1&amp;c=2</a>.</p>` + "\n"},
		{"www link", "www.example.org", `<p><a href="http://www.example.org" rel="ugc nofollow noopener">www.example.org</a></p>` + "\n"},
		{"link in parentheses", "(https://example.org/wiki/Go_(language))", `<p>(<a href="https://example.org/wiki/Go_(language)" rel="ugc nofollow noopener">https://example.org/wiki/Go_(language)</a>)</p>` + "\n"},
		{"bare scheme", "http:// nothing", "<p>http:// nothing</p>\n"},
		{"javascript not linked", "javascript:alert(1)", "<p>javascript:alert(1)</p>\n"},
		{"empty", " \n ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(comment.RenderText(tc.in)); got != tc.want {
				t.Errorf("RenderText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRenderTextXSS feeds classic injection vectors and checks, by parsing
// the output as a browser would, that only our own p, br and a elements
// appear, with no attribute but href and rel, and every href http(s).
func TestRenderTextXSS(t *testing.T) {
	vectors := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`"><svg/onload=alert(1)>`,
		`https://x.org/"onmouseover="alert(1)`,
		`https://x.org/'onmouseover='alert(1)`,
		"https://x.org/<script>alert(1)</script>",
		`www.x.org/"><script>alert(1)</script>`,
		`javascript:alert(1)`, `JaVaScRiPt:alert(1)`, `data:text/html;base64,PHNjcmlwdD4=`,
		`<a href="javascript:alert(1)">x</a>`,
		`&lt;script&gt;`, `<!--`, `]]>`, `<style>*{}</style>`, "<iframe src=https://x.org>",
		"https://x.org/\u2028<script>", "http://x.org/`onerror=alert(1)`",
		`<<script>script>alert(1)<</script>/script>`,
		"https://x.org/a\"\n<script>", "<p onclick=alert(1)>",
	}
	for _, v := range vectors {
		out := string(comment.RenderText("before " + v + " after"))
		doc, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "html", "head", "body", "p", "br", "a":
				default:
					t.Errorf("%q: element <%s> in output %q", v, n.Data, out)
				}
				for _, a := range n.Attr {
					switch {
					case n.Data == "a" && a.Key == "rel" && a.Val == "ugc nofollow noopener":
					case n.Data == "a" && a.Key == "href" && (strings.HasPrefix(a.Val, "http://") || strings.HasPrefix(a.Val, "https://")):
					default:
						t.Errorf("%q: attribute %s=%q on <%s>", v, a.Key, a.Val, n.Data)
					}
				}
			}
			if n.Type == html.CommentNode {
				t.Errorf("%q: comment node in output", v)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if text := textOf(doc); !strings.Contains(text, strings.TrimSpace(strings.Split(v, "\n")[0])) {
			t.Errorf("%q: the reader's text is not shown as typed: %q", v, text)
		}
	}
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "br" {
			b.WriteString("\n")
		}
		b.WriteString(textOf(c))
	}
	return b.String()
}
