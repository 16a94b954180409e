package web

import (
	"cmp"
	"context"
	"html/template"
	"slices"

	"masthead/internal/article"
	"masthead/internal/store"
)

// siteView is the chrome every page shares.
type siteView struct {
	Name, Tagline, Lang, Licence string
	OwnLicence                   *article.Licence // the site_licence setting's, shown when Licence is empty
	StyleURL, IconURL            string
	Nav                          []navLink

	// id is the identity the chrome was built from; the rest of the page
	// takes its titles and absolute URLs from it too.
	id *identity
}

type navLink struct {
	Name, URL string
	Current   bool
}

// feedLink is a feed alternate; the type is written in the template, as
// html/template would escape the "+" of a type taken from data.
type feedLink struct {
	Atom       bool
	Title, URL string
}

// metaPair is one <meta> tag: property= for OpenGraph, name= for Twitter.
type metaPair struct {
	Key, Value string
}

// layout is what layout.tmpl needs; every page view embeds it.
type layout struct {
	Site        *siteView
	Title       string // the whole <title>
	Description string
	Canonical   string // absolute
	NoIndex     bool
	OG, Twitter []metaPair
	JSONLD      template.JS // marshalled by encoding/json, which escapes <, > and &
	Feeds       []feedLink
	Scripts     []string // deferred scripts: enhancements, never needed to read or post
}

// navTags is how many of the busiest tags the header offers as sections.
const navTags = 6

// site builds the chrome; current is the path of the page, to mark its
// section.
func (s *Server) site(ctx context.Context, current string) *siteView {
	id := s.identity(ctx)
	v := &siteView{
		Name: id.name, Tagline: s.cfg.Tagline, Lang: s.cfg.Language, Licence: id.licence, OwnLicence: id.ownLicence,
		StyleURL: s.assets.url("style.css"), IconURL: s.assets.url("favicon.svg"),
		Nav: []navLink{{Name: "Latest", URL: "/", Current: current == "/"}},
		id:  id,
	}
	for _, l := range s.sections(ctx) {
		l.Current = l.URL == current
		v.Nav = append(v.Nav, l)
	}
	return v
}

// sectionsCache holds the header's sections for one cache generation, so
// that error pages, which are not cached, cost no query.
type sectionsCache struct {
	gen   uint64
	links []navLink
}

// sections are the busiest tags. A store error costs the sections, never
// the page.
func (s *Server) sections(ctx context.Context) []navLink {
	gen := s.cache.generation() // read first: a drop during the query makes this stale at once
	if c := s.nav.Load(); c != nil && c.gen == gen {
		return c.links
	}
	tags, err := s.st.Tags(ctx)
	if err != nil {
		s.log.Warn("web: list tags for navigation", "err", err)
		return nil
	}
	slices.SortStableFunc(tags, func(a, b store.Named) int { return cmp.Compare(b.Count, a.Count) })
	links := make([]navLink, 0, navTags)
	for _, t := range tags[:min(len(tags), navTags)] {
		links = append(links, navLink{Name: t.Name, URL: "/tag/" + t.Slug + "/"})
	}
	s.nav.Store(&sectionsCache{gen: gen, links: links})
	return links
}

// siteFeeds are the alternates every page advertises.
func (s *Server) siteFeeds(id *identity) []feedLink {
	feeds := []feedLink{
		{Title: id.name + " (RSS)", URL: id.abs("/feed/")},
		{Atom: true, Title: id.name + " (Atom)", URL: id.abs("/feed/atom/")},
	}
	if s.comments != nil {
		feeds = append(feeds, feedLink{Atom: true, Title: id.name + " – Comments", URL: id.abs(commentsPath + "feed/")})
	}
	return feeds
}

// authorLink is where a byline name points: the author's own profile when
// the source gave one, the site's author page otherwise.
func authorLink(a article.Author) string {
	if a.ProfileURL != "" {
		return a.ProfileURL
	}
	return authorPath(a)
}

func authorPath(a article.Author) string { return "/author/" + a.Slug() + "/" }

func tagLinks(tags []string) []navLink {
	out := make([]navLink, 0, len(tags))
	for _, t := range tags {
		if slug := article.Slugify(t); slug != "" {
			out = append(out, navLink{Name: t, URL: "/tag/" + slug + "/"})
		}
	}
	return out
}

// bylineNames joins author names for lists: "A", "A and B", "A, B and C".
func bylineNames(authors []article.Author) string {
	out := ""
	for i, a := range authors {
		out += listSep(i, len(authors)) + a.Name
	}
	return out
}

func listSep(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " and "
	default:
		return ", "
	}
}
