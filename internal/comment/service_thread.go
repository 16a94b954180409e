package comment

import "context"

// ThreadPage is one page of an article's comments, ready to render.
type ThreadPage struct {
	Threads []*Node // top-level threads on this page, with their replies
	Page    int     // from 1
	Pages   int
	Count   int // approved comments on the article, for CountText
}

// Thread loads an article's comments and returns page n (from 1) as the
// discussion settings arrange them. held are the ids from the reader's held
// cookie: those still pending on this article are included, so their author
// sees them with "Your comment is awaiting moderation."
func (s *Service) Thread(ctx context.Context, articleID int64, page int, held []int64) (*ThreadPage, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.store.ArticleComments(ctx, articleID, held)
	if err != nil {
		return nil, err
	}
	p := &ThreadPage{Page: page}
	for _, c := range list {
		if c.Status == StatusApproved {
			p.Count++
		}
	}
	per := set.PerPage
	p.Threads, p.Pages = Page(Thread(list, set), per, page)
	return p, nil
}
