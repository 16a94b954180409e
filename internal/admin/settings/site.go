package settings

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// siteKeys describes the site settings as comment.Keys describes its own.
func siteKeys(name, addr string) []siteKey {
	return []siteKey{
		{SiteNameKey, "the name in page titles, feeds and the back office", name, checkSiteName},
		{SiteURLKey, "the public address of the site, for absolute links in feeds, sitemaps and emails", addr, checkSiteURL},
	}
}

type siteKey struct {
	name, description, fallback string
	check                       func(string) (string, string) // canonical value, or a message
}

// checkSiteName: one line of text that a title can show.
func checkSiteName(v string) (string, string) {
	v = strings.TrimSpace(v)
	switch n := utf8.RuneCountInString(v); {
	case !utf8.ValidString(v) || strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) >= 0:
		return "", "The name contains characters that cannot be shown."
	case n == 0:
		return "", "Enter the site's name."
	case n > 200:
		return "", "The name is too long; keep it under 200 characters."
	}
	return v, ""
}

// checkSiteURL: an http or https origin, without the trailing slash (paths
// are appended to it). The site's links are root-relative, so an address
// with a path would be stored and then ignored; it is refused instead.
func checkSiteURL(v string) (string, string) {
	v = strings.TrimRight(strings.TrimSpace(v), "/")
	const msg = "Enter the address readers use, such as https://news.example.org."
	if v == "" || len(v) > 2000 {
		return "", msg
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(v, " \t\r\n") {
		return "", msg
	}
	if u.Path != "" || u.RawPath != "" {
		return "", "masthead serves the site from the root of its address; enter it without a path, such as " +
			u.Scheme + "://" + u.Host + "."
	}
	return v, ""
}
