package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
)

// listKind says which stories a list or feed holds.
type listKind int

const (
	listSite   listKind = iota // every story: the front page, the site feed
	listTag                    // one tag's
	listAuthor                 // one author's
)

// maxPage bounds page numbers so that offsets cannot overflow.
const maxPage = 100000

// listView is what list.tmpl shows: the front page and tag and author pages.
type listView struct {
	layout
	Heading    string
	Intro      string
	ProfileURL string
	FeedURL    string
	Items      []listItem
	Pager      pager
}

type listItem struct {
	URL, Headline, Summary, Byline, Source string
	Published                              time.Time
	Image                                  article.Image
	Lead                                   bool // the front page's top story, shown large
}

type pager struct {
	Page, Pages      int
	PrevURL, NextURL string
}

func (s *Server) handleFront(w http.ResponseWriter, r *http.Request)  { s.handleList(w, r, listSite) }
func (s *Server) handleTag(w http.ResponseWriter, r *http.Request)    { s.handleList(w, r, listTag) }
func (s *Server) handleAuthor(w http.ResponseWriter, r *http.Request) { s.handleList(w, r, listAuthor) }

// handleList serves page n of a list, from /page/n/ or ?page=n. Page 1 has
// one address, the list's own; both forms of a later page share one cache
// entry.
func (s *Server) handleList(w http.ResponseWriter, r *http.Request, kind listKind) {
	slug := r.PathValue("slug")
	if kind != listSite && !validSlug(slug) {
		s.notFound(w, r)
		return
	}
	base := listBase(kind, slug)
	page := 1
	if n := r.PathValue("n"); n != "" {
		p, ok := parsePage(n)
		if !ok {
			s.notFound(w, r)
			return
		}
		if p == 1 {
			http.Redirect(w, r, base, http.StatusMovedPermanently)
			return
		}
		page = p
	} else if r.URL.RawQuery != "" {
		if q := r.URL.Query().Get("page"); q != "" {
			p, ok := parsePage(q)
			if !ok {
				s.notFound(w, r)
				return
			}
			page = p
		}
	}
	s.cached(w, r, pagePath(base, page), func(ctx context.Context) (*entry, error) {
		v, err := s.listView(ctx, kind, slug, page)
		if err != nil {
			return nil, err
		}
		b, err := s.tmpl.render("list", v)
		if err != nil {
			return nil, err
		}
		return s.htmlEntry(b), nil
	})
}

func (s *Server) listView(ctx context.Context, kind listKind, slug string, page int) (*listView, error) {
	q := store.ArticleQuery{Limit: s.cfg.PageSize, Offset: (page - 1) * s.cfg.PageSize}
	switch kind {
	case listTag:
		q.Tag = slug
	case listAuthor:
		q.Author = slug
	}
	list, total, err := s.st.Articles(ctx, q)
	if err != nil {
		return nil, err
	}
	pages := max(1, (total+s.cfg.PageSize-1)/s.cfg.PageSize)
	if page > pages || (kind != listSite && total == 0) {
		return nil, errNotFound
	}
	base := listBase(kind, slug)
	v := &listView{Pager: pager{Page: page, Pages: pages}}
	if page > 1 {
		v.Pager.PrevURL = pagePath(base, page-1)
	}
	if page < pages {
		v.Pager.NextURL = pagePath(base, page+1)
	}
	v.Site = s.site(ctx, base)
	id := v.Site.id
	v.Canonical = id.abs(pagePath(base, page))
	v.Feeds = s.siteFeeds(id)
	switch kind {
	case listSite:
		v.Heading = "Latest stories"
		v.Title = id.name
		if s.cfg.Tagline != "" {
			v.Title += " – " + s.cfg.Tagline
		}
		v.Description = s.cfg.Tagline
		v.FeedURL = "/feed/"
	case listTag:
		v.Heading = tagName(list[0], slug)
		v.Intro = "Stories about " + v.Heading + "."
		v.Description = v.Intro
	case listAuthor:
		au := findAuthor(list[0], slug)
		v.Heading = au.Name
		v.Intro = au.Bio
		v.ProfileURL = au.ProfileURL
		v.Description = "Stories by " + au.Byline() + "."
	}
	if kind != listSite {
		v.FeedURL = base + "feed/"
		v.Title = v.Heading + " – " + id.name
		v.Feeds = append(v.Feeds,
			feedLink{Title: v.Heading + " (RSS)", URL: id.abs(base + "feed/")},
			feedLink{Atom: true, Title: v.Heading + " (Atom)", URL: id.abs(base + "feed/atom/")})
	}
	if page > 1 {
		v.Title = v.Heading + ", page " + strconv.Itoa(page) + " – " + id.name
	}
	for i, a := range list {
		v.Items = append(v.Items, listItem{
			URL: a.Path(), Headline: a.Headline, Summary: a.Summary, Byline: bylineNames(a.Authors),
			Source: a.Source.Name, Published: a.Published, Image: a.Image,
			Lead: kind == listSite && page == 1 && i == 0,
		})
	}
	return v, nil
}

func listBase(kind listKind, slug string) string {
	switch kind {
	case listTag:
		return "/tag/" + slug + "/"
	case listAuthor:
		return "/author/" + slug + "/"
	}
	return "/"
}

func pagePath(base string, page int) string {
	if page <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(page) + "/"
}

// parsePage accepts 1 to maxPage written plainly: no sign, no leading zero.
func parsePage(s string) (int, bool) {
	if s == "" || len(s) > 6 || s[0] == '0' || !digits(s, len(s)) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= maxPage
}

// validSlug admits only what article.Slugify can produce, so odd input
// never reaches the store or becomes a cache key.
func validSlug(s string) bool { return s != "" && article.Slugify(s) == s }

// tagName is the tag's display name as an article carries it.
func tagName(a *article.Article, slug string) string {
	for _, t := range a.Tags {
		if article.Slugify(t) == slug {
			return t
		}
	}
	return slug
}

// findAuthor is the byline entry with this slug in an article, which the
// store found by that very slug.
func findAuthor(a *article.Article, slug string) article.Author {
	for _, au := range a.Authors {
		if au.Slug() == slug {
			return au
		}
	}
	return article.Author{Name: slug}
}
