package syndication

import (
	"bytes"
	"strings"
	"time"

	"github.com/mmcdole/gofeed/atom"

	"masthead/internal/article"
)

// parseAtom reads an Atom feed with gofeed, adding the authors' foaf
// homepages gofeed drops.
func parseAtom(data []byte) (*channel, error) {
	if err := checkXML(data); err != nil {
		return nil, err
	}
	var f *atom.Feed
	err := guard(func() (err error) {
		f, err = (&atom.Parser{}).Parse(bytes.NewReader(data))
		return err
	})
	if err != nil {
		return nil, malformed(err, nil)
	}
	hp, err := atomHomepages(data)
	if err != nil {
		return nil, malformed(err, nil)
	}

	ch := &channel{
		title:       f.Title,
		home:        atomLink(f.Links, "alternate"),
		self:        atomLink(f.Links, "self"),
		rights:      f.Rights,
		licenceURLs: append(atomLicenceLinks(f.Links), extLicenceURLs(f.Extensions)...),
		authors:     atomAuthors(f.Authors, hp.feedAuthor),
	}
	for i, e := range f.Entries {
		it := item{
			id:          e.ID,
			title:       e.Title,
			link:        atomLink(e.Links, "alternate"),
			summary:     e.Summary,
			published:   utc(e.PublishedParsed),
			updated:     utc(e.UpdatedParsed),
			updatedRaw:  e.Updated,
			rights:      e.Rights,
			licenceURLs: append(atomLicenceLinks(e.Links), extLicenceURLs(e.Extensions)...),
			authors:     atomAuthors(e.Authors, func(j int) string { return hp.entry(i, j) }),
			image:       atomImage(e),
		}
		if e.Content != nil && e.Content.Src == "" {
			it.content = e.Content.Value
		}
		for _, c := range e.Categories {
			it.tags = append(it.tags, firstNonEmpty(c.Label, c.Term))
		}
		// An entry copied from another feed keeps that feed's rights and
		// authors in <source>; they apply when the entry has none of its own.
		if e.Source != nil {
			if it.rights == "" && len(it.licenceURLs) == 0 {
				it.rights = e.Source.Rights
				it.licenceURLs = atomLicenceLinks(e.Source.Links)
			}
			if len(it.authors) == 0 {
				it.authors = atomAuthors(e.Source.Authors, func(int) string { return "" })
			}
		}
		ch.items = append(ch.items, it)
	}
	return ch, nil
}

// atomLink returns the href of the first link with the relation, preferring
// an HTML one for alternate links (an entry may also link its PDF or AMP
// version).
func atomLink(links []*atom.Link, rel string) string {
	first := ""
	for _, l := range links {
		if l == nil || l.Rel != rel || l.Href == "" {
			continue
		}
		if rel != "alternate" || l.Type == "" || strings.Contains(l.Type, "html") {
			return l.Href
		}
		if first == "" {
			first = l.Href
		}
	}
	return first
}

func atomLicenceLinks(links []*atom.Link) []string {
	var out []string
	for _, l := range links {
		if l != nil && isLicenceRel(l.Rel) && l.Href != "" {
			out = append(out, l.Href)
		}
	}
	return out
}

// atomAuthors parses "Name, Role, Institution" names; the profile link is
// the Atom <uri>, or else the foaf:homepage homepage(j) returns.
func atomAuthors(people []*atom.Person, homepage func(j int) string) []article.Author {
	var out []article.Author
	for j, p := range people {
		if p == nil || strings.TrimSpace(p.Name) == "" {
			continue
		}
		a := parseAuthor(p.Name)
		a.ProfileURL = firstNonEmpty(p.URI, homepage(j))
		out = append(out, a)
	}
	return out
}

// atomImage returns an image given as an enclosure link or with Media RSS.
func atomImage(e *atom.Entry) article.Image {
	for _, l := range e.Links {
		if l != nil && l.Rel == "enclosure" && strings.HasPrefix(l.Type, "image/") && l.Href != "" {
			return article.Image{URL: l.Href}
		}
	}
	return extImage(e.Extensions)
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
