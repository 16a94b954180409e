package syndication

import (
	"bytes"
	"strings"
	"time"

	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"

	"masthead/internal/article"
)

// parseRSS reads RSS 2.0 (and 0.9x, 1.0) with gofeed, taking the body from
// content:encoded, authors from dc:creator and the licence from the
// Creative Commons module, cc:license, an atom:link rel="license", or
// <copyright> / dc:rights.
func parseRSS(data []byte) (*channel, error) {
	if err := checkXML(data); err != nil {
		return nil, err
	}
	var f *rss.Feed
	err := guard(func() (err error) {
		f, err = (&rss.Parser{}).Parse(bytes.NewReader(data))
		return err
	})
	if err != nil {
		return nil, malformed(err, nil)
	}

	ch := &channel{
		title:       f.Title,
		home:        f.Link,
		self:        rssSelf(f.Extensions),
		rights:      firstNonEmpty(f.Copyright, extRights(f.Extensions)),
		licenceURLs: extLicenceURLs(f.Extensions),
		authors:     plainAuthors(extValues(f.Extensions, "dc", "creator")),
	}
	for _, i := range f.Items {
		if i == nil {
			continue
		}
		it := item{
			id:          rssID(i),
			title:       i.Title,
			link:        rssLink(i),
			published:   utc(i.PubDateParsed),
			rights:      extRights(i.Extensions),
			licenceURLs: extLicenceURLs(i.Extensions),
			image:       rssImage(i),
		}
		dcDate := extValues(i.Extensions, "dc", "date")
		if it.published.IsZero() {
			it.published = parseW3CDate(dcDate)
		}
		modified := append(extValues(i.Extensions, "dcterms", "modified"), extValues(i.Extensions, "atom", "updated")...)
		it.updated = parseW3CDate(modified)
		it.updatedRaw = firstNonEmpty(append(append(modified, i.PubDate), dcDate...)...)
		if strings.TrimSpace(i.Content) != "" {
			it.content, it.summary = i.Content, i.Description
		} else {
			it.content = i.Description
		}
		creators := extValues(i.Extensions, "dc", "creator")
		if len(creators) == 0 && i.Author != "" {
			creators = []string{i.Author}
		}
		it.authors = plainAuthors(creators)
		for _, c := range i.Categories {
			if c != nil {
				it.tags = append(it.tags, c.Value)
			}
		}
		ch.items = append(ch.items, it)
	}
	return ch, nil
}

// rssID is the guid, or else the link: many feeds leave guid out and their
// links are stable, and every RSS reader falls back the same way.
func rssID(i *rss.Item) string {
	if i.GUID != nil && strings.TrimSpace(i.GUID.Value) != "" {
		return strings.TrimSpace(i.GUID.Value)
	}
	return strings.TrimSpace(i.Link)
}

// rssLink is the item's link, or else a guid that is declared (or by default
// taken to be) a permalink.
func rssLink(i *rss.Item) string {
	if l := strings.TrimSpace(i.Link); l != "" {
		return l
	}
	if i.GUID != nil && !strings.EqualFold(i.GUID.IsPermalink, "false") {
		if g := strings.TrimSpace(i.GUID.Value); strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
			return g
		}
	}
	return ""
}

// rssSelf is the feed's own address from <atom:link rel="self">.
func rssSelf(exts ext.Extensions) string {
	for _, e := range exts["atom"]["link"] {
		if e.Attrs["rel"] == "self" {
			return e.Attrs["href"]
		}
	}
	return ""
}

// rssImage returns an image enclosure or a Media RSS image.
func rssImage(i *rss.Item) article.Image {
	for _, e := range i.Enclosures {
		if e != nil && strings.HasPrefix(e.Type, "image/") && e.URL != "" {
			return article.Image{URL: e.URL}
		}
	}
	return extImage(i.Extensions)
}

// parseW3CDate parses the first of the values that is a W3C date-time (the
// profile of ISO 8601 Dublin Core and Atom use), as UTC.
func parseW3CDate(values []string) time.Time {
	for _, v := range values {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02"} {
			if t, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
				return t.UTC()
			}
		}
	}
	return time.Time{}
}
