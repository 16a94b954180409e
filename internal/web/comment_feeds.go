package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"slices"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// commentItem is one approved comment for a feed, with where it shows.
type commentItem struct {
	c    *comment.Comment
	a    *article.Article
	page int
}

// handleArticleCommentFeed serves the Atom feed of an article's approved
// comments, newest first, at <article path>feed/.
func (s *Server) handleArticleCommentFeed(w http.ResponseWriter, r *http.Request, path string) {
	self := path + "feed/"
	s.cached(w, r, self, func(ctx context.Context) (*entry, error) {
		id := s.identity(ctx)
		a, err := s.st.ArticleByPath(ctx, path)
		if err != nil {
			return nil, err
		}
		list, err := s.st.ArticleComments(ctx, a.ID, nil) // approved only, oldest first
		if err != nil {
			return nil, err
		}
		pages, err := s.comments.CommentPages(ctx, a.ID, nil)
		if err != nil {
			return nil, err
		}
		list = list[max(0, len(list)-s.cfg.FeedSize):]
		items := make([]commentItem, 0, len(list))
		for _, c := range slices.Backward(list) {
			items = append(items, commentItem{c: c, a: a, page: pages[c.ID]})
		}
		return s.commentFeed(id, "Comments on: "+a.Headline, id.abs(a.Path()), id.abs(self), items)
	})
}

// handleSiteCommentFeed serves the Atom feed of the newest approved
// comments on every published article.
func (s *Server) handleSiteCommentFeed(w http.ResponseWriter, r *http.Request) {
	self := r.URL.Path
	s.cached(w, r, self, func(ctx context.Context) (*entry, error) {
		id := s.identity(ctx)
		// Some may sit on unpublished articles; take more than needed.
		list, err := s.st.Comments(ctx, store.CommentQuery{Status: comment.StatusApproved, Limit: 2 * s.cfg.FeedSize})
		if err != nil {
			return nil, err
		}
		ids := make([]int64, 0, len(list))
		for _, c := range list {
			ids = append(ids, c.ArticleID)
		}
		articles, err := s.st.CommentArticles(ctx, ids)
		if err != nil {
			return nil, err
		}
		pages := map[int64]map[int64]int{}
		var items []commentItem
		for _, c := range list {
			a := articles[c.ArticleID]
			if a == nil || a.Status != article.StatusPublished {
				continue
			}
			if len(items) == s.cfg.FeedSize {
				break
			}
			if pages[a.ID] == nil {
				if pages[a.ID], err = s.comments.CommentPages(ctx, a.ID, nil); err != nil {
					return nil, err
				}
			}
			items = append(items, commentItem{c: c, a: a, page: pages[a.ID][c.ID]})
		}
		return s.commentFeed(id, id.name+" – Comments", id.abs("/"), id.abs(self), items)
	})
}

// commentFeed writes comments as an Atom feed: the name, website and text
// each page shows; never the email.
func (s *Server) commentFeed(id *identity, title, home, self string, items []commentItem) (*entry, error) {
	f := &atomFeed{
		ID: self, Title: title, Generator: "masthead",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: home}},
	}
	updated := time.Now()
	if len(items) > 0 {
		updated = items[0].c.Created
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	for _, it := range items {
		c, a := it.c, it.a
		name := c.Author
		if name == "" {
			name = "Anonymous"
		}
		link := id.abs(commentPagePath(a.Path(), it.page) + "#" + c.Anchor())
		at := c.Created.UTC().Format(time.RFC3339)
		f.Entries = append(f.Entries, atomEntry{
			// The id stays put when the comment moves to another page.
			ID:        id.abs(a.Path()) + "#" + c.Anchor(),
			Title:     "Comment on " + a.Headline + " by " + name,
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: link}},
			Published: at, Updated: at,
			Authors: []atomPerson{{Name: name, URI: c.URL}},
			Content: atomText{Type: "html", Body: string(comment.RenderText(c.Content))},
		})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(f); err != nil {
		return nil, err
	}
	return newEntry(buf.Bytes(), "application/atom+xml; charset=utf-8", s.pageCacheControl), nil
}
