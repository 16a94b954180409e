package syndication

import (
	"fmt"
	"net/url"
	"strings"

	"masthead/internal/article"
	"masthead/internal/sanitize"
)

// build applies the rules that turn a channel into a Feed: URLs made
// absolute and checked, bodies sanitized, licence and attribution settled,
// every entry given an id, a headline and a slug. Any entry that fails a
// rule fails the feed.
func build(ch *channel, feedURL string, pol *sanitize.Policies) (*Feed, error) {
	base := feedBase(feedURL, ch.self, ch.home)
	home := webURL(base, ch.home)
	if home == "" && base != nil {
		home = (&url.URL{Scheme: base.Scheme, Host: base.Host, Path: "/"}).String()
	}
	f := &Feed{
		Title:   strings.TrimSpace(ch.title),
		HomeURL: home,
		Rights:  strings.TrimSpace(ch.rights),
	}
	f.Licence, _ = licenceOf(ch.licenceURLs, ch.rights)
	src := article.Source{Name: sourceName(ch.title, home, feedURL), HomeURL: home}

	seen := make(map[string]int, len(ch.items))
	for n, it := range ch.items {
		e, err := buildEntry(it, ch, f.Licence, src, base, pol)
		if err == nil {
			if first, dup := seen[e.Article.Source.UpstreamID]; dup {
				err = fmt.Errorf("%w %q (also entry %d)", ErrDuplicateID, shorten(e.Article.Source.UpstreamID, 100), first)
			}
		}
		if err != nil {
			return nil, &EntryError{Index: n + 1, Title: htmlText(it.title), ID: strings.TrimSpace(it.id), Err: err}
		}
		seen[e.Article.Source.UpstreamID] = n + 1
		f.Entries = append(f.Entries, e)
	}
	return f, nil
}

func buildEntry(it item, ch *channel, feedLicence article.Licence, src article.Source, base *url.URL, pol *sanitize.Policies) (Entry, error) {
	id := strings.TrimSpace(it.id)
	headline := htmlText(it.title)
	switch {
	case id == "":
		return Entry{}, ErrNoID
	case headline == "":
		return Entry{}, ErrNoTitle
	}

	a := article.Article{Headline: headline}
	a.Source = src
	a.Source.OriginalURL = webURL(base, it.link)
	a.Source.UpstreamID = id

	body := it.content
	if strings.TrimSpace(body) != "" {
		a.Summary = htmlText(it.summary)
	} else {
		body = it.summary // the summary is all the feed has
	}
	if !strings.Contains(body, "<") {
		body = textToHTML(body) // a plain-text body still needs paragraphs
	}
	a.BodyHTML = strings.TrimSpace(pol.Article(resolveHTML(base, body)))

	given := it.image
	given.URL = webURL(base, given.URL)
	a.Image = leadImage(a.BodyHTML, given)
	if !sanitize.SafeURL(a.Image.URL, false) {
		a.Image = article.Image{}
	}

	a.Authors = it.authors
	if len(a.Authors) == 0 {
		a.Authors = ch.authors // Atom: an entry without authors has the feed's
	}
	a.Authors = append([]article.Author(nil), a.Authors...)
	for i := range a.Authors {
		a.Authors[i].ProfileURL = webURL(base, a.Authors[i].ProfileURL)
	}

	e := Entry{UpdatedRaw: strings.TrimSpace(it.updatedRaw), Rights: strings.TrimSpace(it.rights)}
	var declared bool
	e.Licence, declared = licenceOf(it.licenceURLs, it.rights)
	a.Licence = e.Licence
	if !declared {
		a.Licence = feedLicence
	}

	a.Published, a.Updated = it.published, it.updated
	if a.Published.IsZero() {
		a.Published = a.Updated
	}
	if a.Updated.IsZero() {
		a.Updated = a.Published
	}
	a.Tags = tags(it.tags)
	a.Slug = slugFor(a.Source.OriginalURL, headline, id)
	e.Article = a
	return e, nil
}

// licenceOf detects the licence among explicit declarations first, then the
// rights statement. declared reports whether there was anything to look at.
func licenceOf(declarations []string, rights string) (l article.Licence, declared bool) {
	for _, s := range append(declarations[:len(declarations):len(declarations)], rights) {
		if strings.TrimSpace(s) == "" {
			continue
		}
		declared = true
		if l, ok := DetectLicence(s); ok {
			return l, true
		}
	}
	return article.Licence{}, declared
}

// feedBase is what relative URLs in the feed are relative to: the address
// it was fetched from, or failing that the address it states for itself or
// its site. (gofeed has already applied any xml:base; a relative xml:base
// leaves relative URLs that this base then completes.)
func feedBase(candidates ...string) *url.URL {
	for _, c := range candidates {
		if u, err := url.Parse(strings.TrimSpace(c)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u
		}
	}
	return nil
}

// webURL resolves ref against base and returns it if it is an http(s) URL,
// or "" if not: these URLs become links on our pages, so a javascript: URL
// in a feed must go no further.
func webURL(base *url.URL, ref string) string {
	u := resolve(base, ref)
	if !sanitize.SafeURL(u, false) {
		return ""
	}
	return u
}

// tags trims and de-duplicates categories, keeping their order.
func tags(in []string) []string {
	var out []string
	seen := make(map[string]bool, len(in))
	for _, t := range in {
		t = strings.Join(strings.Fields(htmlText(t)), " ")
		if k := strings.ToLower(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}
