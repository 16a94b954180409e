package syndication

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"masthead/internal/article"
)

// The publishing rules a source's licence brings with it. They are pure
// functions of a story and its source, so the poller, the inbox and tests
// all apply exactly the same ones.

// StoryKey is the second key stories are matched by, after the upstream
// id: the original URL without scheme, "www.", query and fragment, or for
// The Conversation its host and numeric id. Empty when there is no URL.
func StoryKey(originalURL string) string {
	u, err := url.Parse(strings.TrimSpace(originalURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	// The Conversation's URLs end in a numeric article id
	// ("…-terrorism-threat-globally-226464"): slugs change upstream, the
	// number does not.
	if isHost(host, "theconversation.com") {
		p := strings.TrimRight(u.Path, "/")
		if i := strings.LastIndexByte(p, '-'); i >= 0 && numeric(p[i+1:]) {
			return "theconversation.com/" + p[i+1:]
		}
	}
	return host + strings.TrimRight(u.EscapedPath(), "/")
}

func numeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// isHost reports whether host is domain or one of its subdomains.
func isHost(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// LicenceKnown reports whether a story carries a licence masthead can
// republish under: one detected from the feed or set by an editor.
func LicenceKnown(l article.Licence) bool {
	return strings.TrimSpace(l.Name) != ""
}

// MissingRequired returns the required elements not present in a
// sanitized body, in the order given. An element is "re:REGEXP", matched
// against the HTML, or a URL prefix ("counter.theconversation.com/content/",
// with or without scheme) that some src, href or srcset URL must start with.
// An invalid regexp counts as missing: a rule that cannot be checked is
// not met.
func MissingRequired(body string, required []string) []string {
	var missing []string
	var urls []string // collected on first need
	for _, req := range required {
		if pat, ok := strings.CutPrefix(req, "re:"); ok {
			re, err := regexp.Compile(pat)
			if err != nil || !re.MatchString(body) {
				missing = append(missing, req)
			}
			continue
		}
		if urls == nil {
			urls = bodyURLs(body)
		}
		prefix := bareURL(req)
		found := false
		for _, u := range urls {
			if strings.HasPrefix(u, prefix) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, req)
		}
	}
	return missing
}

// bodyURLs lists the URLs a body loads or links, without scheme.
func bodyURLs(body string) []string {
	urls := []string{} // non-nil: "none" is an answer
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return urls
		case html.StartTagToken, html.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				switch a.Key {
				case "src", "href":
					urls = append(urls, bareURL(a.Val))
				case "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							urls = append(urls, bareURL(f[0]))
						}
					}
				}
			}
		}
	}
}

func bareURL(u string) string {
	u = strings.TrimSpace(u)
	for _, p := range []string{"https://", "http://", "//"} {
		if len(u) >= len(p) && strings.EqualFold(u[:len(p)], p) {
			return u[len(p):]
		}
	}
	return u
}

// DropFigures removes, whole, every <figure> whose caption matches
// unlicensed (figures the source does not license for reuse), and returns
// the body and the image URLs of the figures dropped. Everything else is
// copied byte for byte: a No-Derivatives body loses only what we may not
// show. A nil pattern drops nothing.
func DropFigures(body string, unlicensed *regexp.Regexp) (string, []string) {
	if unlicensed == nil || !strings.Contains(body, "<figure") {
		return body, nil
	}
	var (
		out, fig strings.Builder
		caption  strings.Builder
		depth    int // figures open; >0 while buffering one
		inCap    int // figcaptions open inside it
		images   []string
		dropped  []string
	)
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if depth > 0 { // an unclosed figure: judge it as it stands
				if unlicensed.MatchString(caption.String()) {
					return out.String(), append(dropped, images...)
				}
				out.WriteString(fig.String())
			}
			return out.String(), dropped
		}
		raw := z.Raw()
		name, hasAttr := z.TagName()
		switch {
		case tt == html.StartTagToken && string(name) == "figure":
			depth++
		case tt == html.StartTagToken && string(name) == "figcaption" && depth > 0:
			inCap++
		case tt == html.EndTagToken && string(name) == "figcaption" && inCap > 0:
			inCap--
		case (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && string(name) == "img" && depth > 0:
			for more := hasAttr; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) == "src" {
					images = append(images, string(v))
				}
			}
		case tt == html.TextToken && inCap > 0:
			caption.WriteString(html.UnescapeString(string(raw)))
			caption.WriteByte(' ')
		}
		if depth == 0 {
			out.Write(raw)
			continue
		}
		fig.Write(raw)
		if tt == html.EndTagToken && string(name) == "figure" {
			if depth--; depth == 0 {
				if unlicensed.MatchString(strings.Join(strings.Fields(caption.String()), " ")) {
					dropped = append(dropped, images...)
				} else {
					out.WriteString(fig.String())
				}
				fig.Reset()
				caption.Reset()
				images, inCap = nil, 0
			}
		}
	}
}

// problems joins the reasons a story cannot be published into one line
// for the inbox.
func problems(list []string) string {
	return strings.Join(list, "; ")
}

// clip cuts s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// quoteList renders ["a", "b"] as `"a", "b"` for messages.
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
