package comment

import (
	"context"
	"slices"
)

// ThreadPage is one page of an article's comments, ready to render.
type ThreadPage struct {
	Threads []*Node // top-level threads on this page, with their replies
	Page    int     // from 1
	Pages   int
	Count   int // approved comments on the article, for CountText
	// Held are the ids of the reader's own held comments shown (on any
	// page): a page showing some must not be cached for others, and ids
	// no longer shown can leave the reader's cookie.
	Held []int64
}

// Thread loads an article's comments and returns page n (from 1) as the
// discussion settings arrange them. held are the ids from the reader's held
// cookie: those still waiting on this article are included (see
// HeldVisible), so their author sees them with "Your comment is awaiting
// moderation."
func (s *Service) Thread(ctx context.Context, articleID int64, page int, held []int64) (*ThreadPage, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.articleComments(ctx, articleID, held)
	if err != nil {
		return nil, err
	}
	p := &ThreadPage{Page: page}
	for _, c := range list {
		if c.Status == StatusApproved {
			p.Count++
		} else {
			p.Held = append(p.Held, c.ID)
		}
	}
	p.Threads, p.Pages = Page(Thread(list, set), set.PerPage, page)
	return p, nil
}

// CommentPages returns the page (from 1) each comment of an article shows
// on, with the reader's held comments counted as Thread counts them, for
// links to comments.
func (s *Service) CommentPages(ctx context.Context, articleID int64, held []int64) (map[int64]int, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.articleComments(ctx, articleID, held)
	if err != nil {
		return nil, err
	}
	pages := make(map[int64]int, len(list))
	var mark func(n *Node, page int)
	mark = func(n *Node, page int) {
		pages[n.ID] = page
		for _, c := range n.Children {
			mark(c, page)
		}
	}
	for i, r := range Thread(list, set) {
		page := 1
		if set.PerPage > 0 {
			page = i/set.PerPage + 1
		}
		mark(r, page)
	}
	return pages, nil
}

// HeldVisible reports whether a comment that is not approved still shows
// to its author, through the held cookie, as awaiting moderation: while it
// is pending, and while it sits where masthead itself put it (spam,
// discard, trash by the filter or the discussion rules), so that a comment
// refused at the door looks exactly like one waiting for a moderator. Once
// a moderator has decided, only pending comments show.
func HeldVisible(c *Comment) bool {
	switch c.Status {
	case StatusPending:
		return true
	case StatusSpam, StatusDiscard, StatusTrash:
		return c.StatusChangedBy == SystemActor
	}
	return false
}

// articleComments is the article's approved comments and the reader's held
// ones that HeldVisible admits. The store returns pending ones; the few
// others are looked up one by one, which only held readers cost. One that
// cannot be read (purged, or a read error) is left out: it only changes
// what its author sees.
func (s *Service) articleComments(ctx context.Context, articleID int64, held []int64) ([]*Comment, error) {
	list, err := s.store.ArticleComments(ctx, articleID, held)
	if err != nil || len(held) == 0 {
		return list, err
	}
	// The store returns the reader's held comments in any status; only
	// those still shown as awaiting moderation stay.
	return slices.DeleteFunc(list, func(c *Comment) bool {
		return c.Status != StatusApproved && !HeldVisible(c)
	}), nil
}
