package sanitize

import (
	"net/url"
	"strings"
)

// SafeURL reports whether u is an http or https URL (or, when relativeOK, a
// relative one) with no spaces or control characters: the only kind of URL
// masthead writes into an href or src. It is for URLs that bypass the HTML
// policies, such as a feed's links to the original story or an author.
func SafeURL(u string, relativeOK bool) bool {
	if u == "" || strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "http", "https":
		return p.Host != ""
	case "":
		return relativeOK
	}
	return false
}
