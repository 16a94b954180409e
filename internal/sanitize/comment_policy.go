package sanitize

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// commentPolicy is the subset of HTML WordPress accepts in comments from
// readers without the unfiltered_html capability. Links must be absolute
// web or mail links; fix.go gives each one rel="ugc nofollow noopener".
func commentPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.RequireParseableURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")

	p.AllowElements("b", "cite", "code", "em", "i", "s", "strike", "strong")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a", "abbr")
	p.AllowAttrs("cite").OnElements("blockquote", "q")
	p.AllowAttrs("datetime").Matching(regexp.MustCompile(`^[0-9T:+\-.Z ]{1,40}$`)).OnElements("del")
	p.AllowElements("abbr", "blockquote", "del", "q")
	return p
}
