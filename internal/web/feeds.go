package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"html/template"
	"net/http"
	"strings"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
)

type feedFormat int

const (
	rss feedFormat = iota
	atom
)

// feedContentView is the HTML an entry carries: the whole story with the
// credit its licence asks for, as the article page shows it.
type feedContentView struct {
	Lead        *article.Image
	Body        template.HTML
	Republished *republished
}

// feedItem is one story, ready for either format.
type feedItem struct {
	a       *article.Article
	url     string
	content string
}

func (s *Server) handleFeed(format feedFormat, kind listKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		slug := r.PathValue("slug")
		if kind != listSite && !validSlug(slug) {
			s.notFound(w, r)
			return
		}
		self := r.URL.Path
		s.cached(w, r, self, func(ctx context.Context) (*entry, error) {
			return s.renderFeed(ctx, format, kind, slug, self)
		})
	}
}

func (s *Server) renderFeed(ctx context.Context, format feedFormat, kind listKind, slug, self string) (*entry, error) {
	q := store.ArticleQuery{Limit: s.cfg.FeedSize}
	id := s.identity(ctx)
	title := id.name
	switch kind {
	case listTag:
		q.Tag = slug
	case listAuthor:
		q.Author = slug
	}
	list, _, err := s.st.Articles(ctx, q)
	if err != nil {
		return nil, err
	}
	if kind != listSite && len(list) == 0 {
		return nil, errNotFound
	}
	switch kind {
	case listTag:
		title += " – " + tagName(list[0], slug)
	case listAuthor:
		title += " – " + findAuthor(list[0], slug).Name
	}
	items := make([]feedItem, 0, len(list))
	for _, a := range list {
		c, err := s.feedContent(a)
		if err != nil {
			return nil, err
		}
		items = append(items, feedItem{a: a, url: id.abs(a.Path()), content: c})
	}
	home := id.abs(listBase(kind, slug))
	var doc any
	ctype := "application/rss+xml; charset=utf-8"
	if format == atom {
		doc = s.atomFeed(id, title, home, id.abs(self), items)
		ctype = "application/atom+xml; charset=utf-8"
	} else {
		doc = s.rssFeed(id, title, home, id.abs(self), items)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(doc); err != nil {
		return nil, err
	}
	return newEntry(buf.Bytes(), ctype, s.pageCacheControl), nil
}

func (s *Server) feedContent(a *article.Article) (string, error) {
	fc := feedContentView{Lead: leadImage(a), Body: template.HTML(a.BodyHTML), Republished: newRepublished(a)}
	b, err := s.tmpl.render("feed", fc)
	return string(b), err
}

// RSS 2.0, with the content, Dublin Core and Creative Commons modules.
type (
	rssDoc struct {
		XMLName xml.Name   `xml:"rss"`
		Version string     `xml:"version,attr"`
		NSAtom  string     `xml:"xmlns:atom,attr"`
		NSCont  string     `xml:"xmlns:content,attr"`
		NSDC    string     `xml:"xmlns:dc,attr"`
		NSCC    string     `xml:"xmlns:creativeCommons,attr"`
		Channel rssChannel `xml:"channel"`
	}
	rssChannel struct {
		Title         string    `xml:"title"`
		Link          string    `xml:"link"`
		Description   string    `xml:"description"`
		Language      string    `xml:"language,omitempty"`
		Copyright     string    `xml:"copyright,omitempty"`
		LastBuildDate string    `xml:"lastBuildDate,omitempty"`
		Generator     string    `xml:"generator"`
		Self          rssLink   `xml:"atom:link"`
		Items         []rssItem `xml:"item"`
	}
	rssLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
	}
	rssItem struct {
		Title       string   `xml:"title"`
		Link        string   `xml:"link"`
		GUID        rssGUID  `xml:"guid"`
		PubDate     string   `xml:"pubDate"`
		Creators    []string `xml:"dc:creator"`
		Categories  []string `xml:"category"`
		Description string   `xml:"description,omitempty"`
		Content     string   `xml:"content:encoded"`
		Rights      string   `xml:"dc:rights,omitempty"`
		License     string   `xml:"creativeCommons:license,omitempty"`
	}
	rssGUID struct {
		IsPermaLink bool   `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	}
)

func (s *Server) rssFeed(id *identity, title, home, self string, items []feedItem) *rssDoc {
	d := &rssDoc{
		Version: "2.0",
		NSAtom:  "http://www.w3.org/2005/Atom",
		NSCont:  "http://purl.org/rss/1.0/modules/content/",
		NSDC:    "http://purl.org/dc/elements/1.1/",
		NSCC:    "http://backend.userland.com/creativeCommonsRssModule",
		Channel: rssChannel{
			Title: title, Link: home, Description: cmp.Or(s.cfg.Tagline, "Latest stories from "+id.name),
			Language: s.cfg.Language, Copyright: id.rights(), Generator: "masthead",
			Self: rssLink{Href: self, Rel: "self", Type: "application/rss+xml"},
		},
	}
	if len(items) > 0 {
		d.Channel.LastBuildDate = newest(items).Format(time.RFC1123Z)
	}
	for _, it := range items {
		a := it.a
		ri := rssItem{
			Title: a.Headline, Link: it.url, GUID: rssGUID{IsPermaLink: true, Value: it.url},
			PubDate: a.Published.UTC().Format(time.RFC1123Z), Categories: a.Tags,
			Description: a.Summary, Content: it.content, Rights: licenceText(a.Licence),
		}
		for _, au := range a.Authors {
			ri.Creators = append(ri.Creators, au.Name)
		}
		if strings.Contains(a.Licence.URL, "creativecommons.org") {
			ri.License = a.Licence.URL
		}
		d.Channel.Items = append(d.Channel.Items, ri)
	}
	return d
}

// Atom 1.0 (RFC 4287), with rel="license" links (RFC 4946).
type (
	atomFeed struct {
		XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		ID        string      `xml:"id"`
		Title     string      `xml:"title"`
		Subtitle  string      `xml:"subtitle,omitempty"`
		Updated   string      `xml:"updated"`
		Links     []atomLink  `xml:"link"`
		Rights    string      `xml:"rights,omitempty"`
		Generator string      `xml:"generator"`
		Entries   []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomEntry struct {
		ID         string         `xml:"id"`
		Title      string         `xml:"title"`
		Links      []atomLink     `xml:"link"`
		Published  string         `xml:"published"`
		Updated    string         `xml:"updated"`
		Authors    []atomPerson   `xml:"author"`
		Categories []atomCategory `xml:"category"`
		Summary    *atomText      `xml:"summary,omitempty"`
		Content    atomText       `xml:"content"`
		Rights     string         `xml:"rights,omitempty"`
	}
	atomPerson struct {
		Name string `xml:"name"`
		URI  string `xml:"uri,omitempty"`
	}
	atomCategory struct {
		Term   string `xml:"term,attr"`
		Label  string `xml:"label,attr,omitempty"`
		Scheme string `xml:"scheme,attr,omitempty"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
)

func (s *Server) atomFeed(id *identity, title, home, self string, items []feedItem) *atomFeed {
	f := &atomFeed{
		ID: self, Title: title, Subtitle: s.cfg.Tagline, Rights: id.rights(), Generator: "masthead",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: home}},
	}
	updated := time.Now()
	if len(items) > 0 {
		updated = newest(items)
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	for _, it := range items {
		a := it.a
		e := atomEntry{
			ID: it.url, Title: a.Headline,
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: it.url}},
			Published: a.Published.UTC().Format(time.RFC3339), Updated: a.Updated.UTC().Format(time.RFC3339),
			Content: atomText{Type: "html", Body: it.content}, Rights: licenceText(a.Licence),
		}
		if a.Source.Imported() && a.Source.OriginalURL != "" {
			e.Links = append(e.Links, atomLink{Rel: "via", Type: "text/html", Href: a.Source.OriginalURL})
		}
		if a.Licence.URL != "" {
			e.Links = append(e.Links, atomLink{Rel: "license", Href: a.Licence.URL})
		}
		if a.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: a.Summary}
		}
		for _, au := range a.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: au.Name, URI: au.ProfileURL})
		}
		for _, t := range a.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: article.Slugify(t), Label: t, Scheme: id.abs("/tag/")})
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

// licenceText names a story's licence in words: "CC BY-ND 4.0
// (https://creativecommons.org/licenses/by-nd/4.0/)".
func licenceText(l article.Licence) string {
	switch {
	case l.Name != "" && l.URL != "":
		return l.Name + " (" + l.URL + ")"
	case l.Name != "":
		return l.Name
	}
	return l.URL
}

func newest(items []feedItem) time.Time {
	var t time.Time
	for _, it := range items {
		if it.a.Updated.After(t) {
			t = it.a.Updated
		}
	}
	return t.UTC()
}
