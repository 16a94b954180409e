package web

import (
	"fmt"

	"masthead/internal/article"
)

// commentArea is everything comments.tmpl shows under an article: the
// heading with the count, and the form while the article takes comments.
// It is its own type so the comment thread can grow here without touching
// the article page.
type commentArea struct {
	PostID     int64
	Headline   string
	Count      int // approved comments shown
	Open       bool
	Action     string // where the form posts
	PrivacyURL string
}

func newCommentArea(a *article.Article) commentArea {
	return commentArea{
		PostID:     a.ID,
		Headline:   a.Headline,
		Open:       !a.CommentsClosed,
		Action:     "/comments/",
		PrivacyURL: "/privacy/",
	}
}

// Heading is the thread's title in WordPress's wording.
func (c commentArea) Heading() string {
	switch c.Count {
	case 0:
		return `Be the first to comment on "` + c.Headline + `"`
	case 1:
		return "1 Comment"
	default:
		return fmt.Sprintf("%d Comments", c.Count)
	}
}
