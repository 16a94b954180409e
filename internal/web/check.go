package web

import (
	"fmt"
	"time"

	"masthead/internal/article"
)

// checkTemplates renders every page kind once from made-up data with every
// optional part present, so that a template naming a missing field fails
// New instead of a reader's request.
func (s *Server) checkTemplates() error {
	t := time.Date(2024, 3, 24, 3, 40, 0, 0, time.UTC)
	a := &article.Article{
		ID: 1, Slug: "check", Headline: "Check", Summary: "Summary", BodyHTML: "<p>Body</p>",
		Image:   article.Image{URL: "https://example.com/i.jpg", Alt: "alt", Caption: "caption", Credit: "credit"},
		Authors: []article.Author{article.ParseAuthor("A Writer, Role, Place"), {Name: "B Writer"}},
		Source:  article.Source{Name: "Source", HomeURL: "https://example.com", OriginalURL: "https://example.com/o", UpstreamID: "x"},
		Licence: article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"},
		Tags:    []string{"Tag"}, Published: t, Updated: t.Add(time.Hour),
	}
	site := &siteView{Name: s.defaults.name, Tagline: "tagline", Lang: "en", Licence: "licence",
		StyleURL: s.assets.url("style.css"), IconURL: s.assets.url("favicon.svg"),
		Nav: []navLink{{Name: "Latest", URL: "/", Current: true}}, id: s.defaults}
	lay := layout{Site: site, Title: "t", Description: "d", Canonical: "c", NoIndex: true, Feeds: s.siteFeeds(s.defaults)}
	// The footer's other licence line: the site_licence setting's.
	ownSite := *site
	ownSite.Licence, ownSite.OwnLicence = "", &a.Licence
	ownLay := lay
	ownLay.Site = &ownSite
	list := &listView{layout: lay, Heading: "h", Intro: "i", ProfileURL: "p", FeedURL: "/feed/",
		Items: []listItem{{URL: "/u/", Headline: "h", Summary: "s", Byline: "b", Source: "s", Published: t, Image: a.Image, Lead: true}},
		Pager: pager{Page: 2, Pages: 3, PrevURL: "/", NextURL: "/page/3/"}}
	form := &commentForm{Action: commentsPath, PostID: 1, ParentID: 2, Token: "t", Title: "Reply to A", CancelURL: "/c/",
		PrivacyURL: "/privacy/", RequireNameEmail: true,
		Values:  formValues{Comment: "c", Author: "a", Email: "e", URL: "u", Consent: true},
		Errors:  map[string]string{"comment": "m", "author": "m", "email": "m", "url": "m"},
		Message: "m"}
	reply := &commentView{ID: 3, Anchor: "comment-3", Permalink: "/p/#comment-3", Author: "B", Avatar: "/a.svg",
		Created: t, Text: "<p>t</p>", Held: true}
	thread := []*commentView{{ID: 2, Anchor: "comment-2", Permalink: "/p/#comment-2", Author: "A", AuthorURL: "https://a.example",
		Avatar: "/a.svg", Created: t, Text: "<p>t</p>", ReplyURL: "/p/?replytocom=2#respond", Children: []*commentView{reply}}}
	area := commentArea{Heading: "2 Comments", Threads: thread, Form: form,
		Pager: pager{Page: 2, Pages: 3, PrevURL: "/p/", NextURL: "/p/comment-page-3/"}}
	closedArea := area
	closedArea.Form = nil
	noBodyImage := s.articleView(site, a, area)
	closed := *a
	closed.CommentsClosed = true
	pages := []struct {
		kind string
		data any
	}{
		{"article", noBodyImage},
		{"article", s.articleView(site, &closed, closedArea)},
		{"commenterror", &commentErrorView{layout: lay, Heading: "h", Article: &navLink{Name: "n", URL: "/u/"}, Form: form}},
		{"commenterror", &commentErrorView{layout: lay, Heading: "h", Message: "m", Kept: "k"}},
		{"list", list},
		{"privacy", &privacyView{layout: lay}},
		{"privacy", &privacyView{layout: lay, Comments: true, HoldAll: true, SavedCookies: []string{"a", "b"}, ContactURL: "mailto:x"}},
		{"status", &statusView{layout: lay, Heading: "h", Message: "m"}},
		{"status", &statusView{layout: ownLay, Heading: "h", Message: "m"}},
		{"feed", feedContentView{Lead: &a.Image, Body: "<p>b</p>", Republished: newRepublished(a)}},
	}
	for _, p := range pages {
		if _, err := s.tmpl.render(p.kind, p.data); err != nil {
			return fmt.Errorf("web: template check: %w", err)
		}
	}
	return nil
}
