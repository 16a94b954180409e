package web

import (
	"html/template"
	"strconv"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
)

// commentArea is everything comments.tmpl shows under an article: the
// heading with the count, one page of the thread, the links to other
// pages, and the form while the article takes comments.
type commentArea struct {
	Heading string
	Threads []*commentView
	Pager   pager
	Form    *commentForm // nil when comments are closed
}

// commentView is one comment as a reader sees it. Nothing here comes from
// the commenter's email but the avatar, a keyed hash of it.
type commentView struct {
	ID        int64
	Anchor    string // "comment-42", the element's id
	Permalink string
	Author    string
	AuthorURL string // the commenter's website; "" when none
	Avatar    string
	Created   time.Time
	Text      template.HTML
	Held      bool   // shown only to its author, awaiting moderation
	ReplyURL  string // "" where no reply can be made
	Children  []*commentView
}

// threadView is what an article page needs of its comments.
type threadView struct {
	page     *comment.ThreadPage
	settings comment.Settings
}

// commentPagePath is the address of one page of an article's comments:
// the article's own for the first, WordPress's /comment-page-N/ after.
func commentPagePath(articlePath string, page int) string {
	if page <= 1 {
		return articlePath
	}
	return articlePath + "comment-page-" + strconv.Itoa(page) + "/"
}

// newCommentArea builds the comment area of one page of an article. form
// is nil when the article takes no comments.
func (s *Server) newCommentArea(a *article.Article, t threadView, form *commentForm) commentArea {
	area := commentArea{Heading: comment.CountText(0, a.Headline), Form: form}
	if t.page == nil {
		return area
	}
	p := t.page
	area.Heading = comment.CountText(p.Count, a.Headline)
	here := commentPagePath(a.Path(), p.Page)
	maxDepth := t.settings.ThreadDepth
	if !t.settings.Threaded {
		maxDepth = 1
	}
	var build func(n *comment.Node) *commentView
	build = func(n *comment.Node) *commentView {
		v := &commentView{
			ID: n.ID, Anchor: n.Anchor(), Permalink: here + "#" + n.Anchor(),
			Author: n.Author, AuthorURL: n.URL, Avatar: s.cfg.Avatars.Path(n.Email),
			Created: n.Created, Text: comment.RenderText(n.Content),
			Held: n.Status != comment.StatusApproved,
		}
		if v.Author == "" {
			v.Author = "Anonymous"
		}
		// Replies go to approved comments only, and not past the depth the
		// thread can show.
		if form != nil && !v.Held && n.Depth < maxDepth {
			v.ReplyURL = here + "?replytocom=" + strconv.FormatInt(n.ID, 10) + "#respond"
		}
		for _, c := range n.Children {
			v.Children = append(v.Children, build(c))
		}
		return v
	}
	for _, n := range p.Threads {
		area.Threads = append(area.Threads, build(n))
	}
	area.Pager = pager{Page: p.Page, Pages: p.Pages}
	if p.Page > 1 {
		area.Pager.PrevURL = commentPagePath(a.Path(), p.Page-1) + "#comments"
	}
	if p.Page < p.Pages {
		area.Pager.NextURL = commentPagePath(a.Path(), p.Page+1) + "#comments"
	}
	return area
}
