package syndication

import (
	"net/url"
	"strings"
)

// sourceName is the publisher's name for credit lines. Publishers masthead
// knows by their site are named as they name themselves; otherwise it is
// the feed title without a section suffix ("The Conversation – Articles
// (AU)" → "The Conversation"), or else the site's host.
func sourceName(title string, siteURLs ...string) string {
	host := ""
	for _, s := range siteURLs {
		if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
			host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
			break
		}
	}
	if name := knownPublisher(host); name != "" {
		return name
	}
	title = strings.Join(strings.Fields(title), " ")
	for _, sep := range []string{" – ", " — ", " | ", " - ", " :: ", " » ", ": "} {
		if i := strings.Index(title, sep); i > 0 {
			title = title[:i]
		}
	}
	return firstNonEmpty(title, host)
}

// knownPublisher names the Creative Commons publishers masthead was built
// around, by their site's host or any subdomain of it (es.globalvoices.org).
func knownPublisher(host string) string {
	for _, p := range [...]struct{ domain, name string }{
		{"theconversation.com", "The Conversation"},
		{"propublica.org", "ProPublica"},
		{"globalvoices.org", "Global Voices"},
		{"kffhealthnews.org", "KFF Health News"},
	} {
		if host == p.domain || strings.HasSuffix(host, "."+p.domain) {
			return p.name
		}
	}
	return ""
}
