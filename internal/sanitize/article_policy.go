package sanitize

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// articlePolicy is the allow-list for imported bodies. It keeps structure,
// links, images and figures, and nothing that runs code, loads anything but
// images and a few video players, or restyles the page: style attributes go
// entirely, since "display:none" and friends would let a body hide text the
// licence obliges us to show (and show text the reader cannot see).
func articlePolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()

	// URLs must parse; only web and mail links, relative ones resolved by
	// the importer beforehand. data:, javascript: and vbscript: all fail here.
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")

	p.AllowElements(
		"p", "br", "hr", "div", "span",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "dl", "dt", "dd",
		"blockquote", "q", "pre", "code", "kbd", "samp", "var",
		"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
		"figure", "figcaption", "picture",
		"em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup",
		"small", "mark", "abbr", "cite", "dfn", "time", "wbr", "bdi",
	)

	number := regexp.MustCompile(`^[0-9]{1,5}%?$`)
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)).Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("title").Globally()

	// Only the class names sources use for credits: arbitrary classes could
	// pick up the site's own CSS ("hidden", "sr-only") and hide text.
	p.AllowAttrs("class").Matching(regexp.MustCompile(
		`^(caption|attribution|source|credit)( (caption|attribution|source|credit))*$`,
	)).OnElements("span")

	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^[A-Za-z -]{1,100}$`)).OnElements("a")
	p.AllowAttrs("target").Matching(regexp.MustCompile(`^_blank$`)).OnElements("a")
	p.AllowAttrs("hreflang").Matching(regexp.MustCompile(`^[A-Za-z-]{1,20}$`)).OnElements("a")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowAttrs("datetime").Matching(regexp.MustCompile(`^[0-9T:+\-.Z ]{1,40}$`)).OnElements("time", "del", "ins")

	p.AllowAttrs("start").Matching(regexp.MustCompile(`^-?[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("reversed").Matching(regexp.MustCompile(`^(|reversed)$`)).OnElements("ol")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[1aAiI]$`)).OnElements("ol")
	p.AllowAttrs("value").Matching(regexp.MustCompile(`^-?[0-9]{1,6}$`)).OnElements("li")
	p.AllowAttrs("colspan", "rowspan").Matching(regexp.MustCompile(`^[0-9]{1,3}$`)).OnElements("td", "th")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("span").Matching(regexp.MustCompile(`^[0-9]{1,3}$`)).OnElements("col", "colgroup")

	// Images, including the source's 1×1 page-view counter, which the
	// republishing terms require us to keep.
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(number).OnElements("img", "iframe")
	p.AllowAttrs("srcset", "sizes").OnElements("img", "source") // srcset URLs are checked in fix.go
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img", "iframe")
	p.AllowAttrs("referrerpolicy").Matching(regexp.MustCompile(
		`^(no-referrer|no-referrer-when-downgrade|origin|origin-when-cross-origin|same-origin|strict-origin|strict-origin-when-cross-origin|unsafe-url)$`,
	)).OnElements("img", "iframe")
	p.AllowAttrs("media").Matching(regexp.MustCompile(`^[A-Za-z0-9():,. -]{1,200}$`)).OnElements("source")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^image/[a-z0-9.+-]{1,30}$`)).OnElements("source")

	// Video players from a few known hosts; any other iframe source is
	// dropped, and fix.go then drops the iframe itself.
	p.AllowAttrs("src").Matching(regexp.MustCompile(
		`^https://(www\.youtube\.com/embed/|www\.youtube-nocookie\.com/embed/|player\.vimeo\.com/video/)[A-Za-z0-9_-]+(\?[A-Za-z0-9_=&.%-]*)?$`,
	)).OnElements("iframe")
	p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|allowfullscreen|true)$`)).OnElements("iframe")
	p.AllowAttrs("frameborder").Matching(regexp.MustCompile(`^[0-9]$`)).OnElements("iframe")

	return p
}
