package syndication

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strings"

	"masthead/internal/article"
)

// slugFor keeps the source's own slug when its URL has one, so our URL
// matches the original: the last path segment, without a trailing numeric
// id ("…-globally-226464") or a file extension. Otherwise it is made from
// the headline, and as a last resort (a headline with no Latin letters)
// from the entry id, which is at least stable across re-imports.
func slugFor(originalURL, headline, id string) string {
	if u, err := url.Parse(originalURL); err == nil {
		seg := path.Base(strings.TrimRight(u.Path, "/"))
		for _, ext := range []string{".html", ".htm", ".php", ".aspx"} {
			seg = strings.TrimSuffix(seg, ext)
		}
		if i := strings.LastIndexByte(seg, '-'); i > 0 && allDigits(seg[i+1:]) {
			seg = seg[:i]
		}
		if s := article.Slugify(seg); s != "" && !allDigits(s) && s != "index" {
			return s
		}
	}
	if s := article.Slugify(headline); s != "" {
		return s
	}
	sum := sha256.Sum256([]byte(id))
	return "story-" + hex.EncodeToString(sum[:5])
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
