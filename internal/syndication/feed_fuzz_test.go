package syndication

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/sanitize"
)

// FuzzParseFeed feeds arbitrary bytes to ParseFeed. Whatever comes in,
// it must not panic, must classify every error, and must only ever return
// entries that satisfy the rules the rest of masthead relies on.
func FuzzParseFeed(f *testing.F) {
	for _, pattern := range []string{"testdata/*.*", "testdata/bad/*"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `<`, `<feed/>`, `<rss/>`, `<rdf:RDF/>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>t</title><link href="javascript:alert(1)"/><content type="html">&lt;img src=x onerror=alert(1)&gt;</content></entry></feed>`,
		`<rss><channel><item><guid>1</guid><title>t</title><description>&lt;script&gt;x&lt;/script&gt;</description></item></channel></rss>`,
		`{"version":"https://jsonfeed.org/version/1","items":[{"id":1,"title":"t","url":"data:text/html,x"}]}`,
		"<rss><channel><item><guid>\x00</guid></item></channel></rss>",
		`<?xml version="1.0" encoding="utf-16"?><rss/>`,
	} {
		f.Add([]byte(s))
	}

	sentinels := []error{ErrNotFeed, ErrTooLarge, ErrMalformed, ErrNoID, ErrNoTitle, ErrDuplicateID}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(data, "https://example.org/feed")
		if err != nil {
			if feed != nil {
				t.Fatalf("returned a feed beside error %v", err)
			}
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("unclassified error: %v", err)
		}
		if feed.HomeURL != "" && !sanitize.SafeURL(feed.HomeURL, false) {
			t.Errorf("unsafe HomeURL %q", feed.HomeURL)
		}
		ids := map[string]bool{}
		for i, e := range feed.Entries {
			a := e.Article
			if a.Source.UpstreamID == "" || a.Headline == "" || a.Slug == "" {
				t.Errorf("entry %d: empty id %q, headline %q or slug %q", i+1, a.Source.UpstreamID, a.Headline, a.Slug)
			}
			if ids[a.Source.UpstreamID] {
				t.Errorf("entry %d: duplicate id %q", i+1, a.Source.UpstreamID)
			}
			ids[a.Source.UpstreamID] = true
			if strings.Trim(a.Slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				t.Errorf("entry %d: slug %q is not URL-safe", i+1, a.Slug)
			}
			urls := []string{a.Source.OriginalURL, a.Source.HomeURL, a.Image.URL}
			for _, au := range a.Authors {
				urls = append(urls, au.ProfileURL)
			}
			for _, u := range urls {
				if u != "" && !sanitize.SafeURL(u, false) {
					t.Errorf("entry %d: unsafe URL %q", i+1, u)
				}
			}
			if strings.Contains(strings.ToLower(a.BodyHTML), "<script") {
				t.Errorf("entry %d: script in body %q", i+1, a.BodyHTML)
			}
		}
	})
}
