package syndication

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	gjson "github.com/mmcdole/gofeed/json"

	"masthead/internal/article"
)

// parseJSON reads a JSON Feed (1.0 or 1.1) with gofeed. JSON Feed has no
// licence field; masthead reads a "_license" extension (a licence URL or
// wording) on the feed and on items, as the spec's extension rules allow.
func parseJSON(data []byte) (*channel, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		at := invalidUTF8At(data)
		return nil, fmt.Errorf("%w: invalid UTF-8 at byte %d", ErrMalformed, at)
	}
	var f *gjson.Feed
	err := guard(func() (err error) {
		f, err = (&gjson.Parser{}).Parse(bytes.NewReader(data))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if !strings.HasPrefix(f.Version, "https://jsonfeed.org/version/") && !strings.HasPrefix(f.Version, "http://jsonfeed.org/version/") {
		return nil, fmt.Errorf("%w: a JSON document, but its version is %q, not a JSON Feed version URL", ErrNotFeed, shorten(f.Version, 60))
	}
	var extra struct {
		License json.RawMessage `json:"_license"`
		Items   []struct {
			License json.RawMessage `json:"_license"`
		} `json:"items"`
	}
	_ = json.Unmarshal(data, &extra) // shape already checked; an odd _license is ignored

	ch := &channel{
		title:       f.Title,
		home:        f.HomePageURL,
		self:        f.FeedURL,
		licenceURLs: jsonStrings(extra.License),
		authors:     jsonAuthors(f.Authors, f.Author),
	}
	for n, i := range f.Items {
		if i == nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, &EntryError{Index: n + 1, Err: fmt.Errorf("item is null")})
		}
		it := item{
			id:         i.ID,
			title:      i.Title,
			link:       i.URL,
			summary:    i.Summary,
			content:    i.ContentHTML,
			published:  parseW3CDate([]string{i.DatePublished}),
			updated:    parseW3CDate([]string{i.DateModified}),
			updatedRaw: firstNonEmpty(i.DateModified, i.DatePublished),
			authors:    jsonAuthors(i.Authors, i.Author),
			tags:       i.Tags,
			image:      article.Image{URL: firstNonEmpty(i.Image, i.BannerImage)},
		}
		if it.content == "" && i.ContentText != "" {
			it.content = textToHTML(i.ContentText)
		}
		if n < len(extra.Items) {
			it.licenceURLs = jsonStrings(extra.Items[n].License)
		}
		ch.items = append(ch.items, it)
	}
	return ch, nil
}

// jsonAuthors takes 1.1's authors list, or else 1.0's single author.
func jsonAuthors(list []*gjson.Author, single *gjson.Author) []article.Author {
	if len(list) == 0 && single != nil {
		list = []*gjson.Author{single}
	}
	var out []article.Author
	for _, p := range list {
		if p == nil || strings.TrimSpace(p.Name) == "" {
			continue
		}
		a := parseAuthor(p.Name)
		a.ProfileURL = p.URL
		out = append(out, a)
	}
	return out
}

// jsonStrings reads a string, or a list of strings, and ignores the rest.
func jsonStrings(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{one}
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		return many
	}
	return nil
}

// textToHTML turns content_text into paragraphs, split at blank lines.
func textToHTML(s string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(para), "\n", "<br>") + "</p>\n")
		}
	}
	return b.String()
}
