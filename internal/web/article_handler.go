package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
)

// articleTTL is how long a rendered article page is kept. Its form carries
// a page token stamped at render and good for comment.TokenMaxAge; pages
// far younger than that keep every token served well within its life, and
// let "close comments after N days" take effect without a write.
const articleTTL = 10 * time.Minute

// articleReq is what an article address asks for.
type articleReq struct {
	path    string // the article's own path, /2024/03/slug/
	page    int    // the comment page, from 1
	replyTo int64  // ?replytocom=N; 0 for none
}

func (q articleReq) pagePath() string { return commentPagePath(q.path, q.page) }

// key is the page cache's key: everything that makes the page differ, and
// nothing else, so ?utm_source=… shares the plain page's entry.
func (q articleReq) key() string {
	if q.replyTo > 0 {
		return q.pagePath() + "?replytocom=" + strconv.FormatInt(q.replyTo, 10)
	}
	return q.pagePath()
}

// handleArticle serves an article with one page of its comments, from
// /2024/03/slug/, /2024/03/slug/comment-page-2/ or ?cpage=2, and the
// article's comment feed from /2024/03/slug/feed/.
func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	year, month, slug := r.PathValue("year"), r.PathValue("month"), r.PathValue("slug")
	if !digits(year, 4) || !digits(month, 2) {
		s.notFound(w, r)
		return
	}
	q := articleReq{path: "/" + year + "/" + month + "/" + slug + "/", page: 1}
	if sub := r.PathValue("sub"); sub != "" {
		if sub == "feed" && s.comments != nil {
			s.handleArticleCommentFeed(w, r, q.path)
			return
		}
		n, ok := strings.CutPrefix(sub, "comment-page-")
		p, valid := parsePage(n)
		if !ok || !valid || s.comments == nil {
			s.notFound(w, r)
			return
		}
		if p == 1 {
			target := q.path
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		q.page = p
	}
	if r.URL.RawQuery != "" && s.comments != nil {
		v := r.URL.Query()
		if cp := v.Get("cpage"); cp != "" {
			p, ok := parsePage(cp)
			if !ok {
				s.notFound(w, r)
				return
			}
			q.page = p
		}
		if id, err := strconv.ParseInt(v.Get("replytocom"), 10, 64); err == nil && id > 0 {
			q.replyTo = id
		}
	}
	if s.serveHeld(w, r, q) {
		return
	}
	s.cached(w, r, q.key(), func(ctx context.Context) (*entry, error) {
		a, err := s.st.ArticleByPath(ctx, q.path)
		if err != nil {
			return nil, err
		}
		b, _, err := s.renderArticle(ctx, a, q, nil)
		if err != nil {
			return nil, err
		}
		e := s.htmlEntry(b)
		if s.comments != nil {
			e.comments, e.articleID, e.stale = true, a.ID, s.staleAfter(articleTTL)
		}
		return e, nil
	})
}

// renderArticle renders one page of an article with its comments; held are
// the reader's held comments on it. It returns the ids of those the page
// shows (on any comment page).
func (s *Server) renderArticle(ctx context.Context, a *article.Article, q articleReq, held []int64) ([]byte, []int64, error) {
	var (
		t    threadView
		form *commentForm
	)
	if s.comments != nil {
		set, err := s.comments.Settings(ctx)
		if err != nil {
			return nil, nil, err
		}
		p, err := s.comments.Thread(ctx, a.ID, q.page, held)
		if err != nil {
			return nil, nil, err
		}
		if q.page > p.Pages {
			return nil, nil, errNotFound
		}
		t = threadView{page: p, settings: set}
		if commentsOpen(a, set, s.tokens.Now()) {
			var replyAuthor string
			if q.replyTo > 0 {
				n := findNode(p.Threads, q.replyTo)
				if n == nil || n.Status != comment.StatusApproved {
					// Not a comment one can answer here: the plain page.
					return nil, nil, errRedirect{q.pagePath() + "#respond"}
				}
				replyAuthor = n.Author
			}
			form = s.newCommentForm(a, q.pagePath(), set.RequireNameEmail, q.replyTo, replyAuthor)
		}
		held = t.page.Held
	}
	v := s.articleView(s.site(ctx, a.Path()), a, s.newCommentArea(a, t, form))
	if err := s.applySyndication(ctx, v, a); err != nil {
		return nil, nil, err
	}
	if q.page > 1 {
		v.Title = a.Headline + ", comments page " + strconv.Itoa(q.page) + " – " + v.Site.id.name
		if !a.Source.Imported() {
			v.Canonical = v.Site.id.abs(q.pagePath())
		}
	}
	if q.replyTo > 0 {
		v.NoIndex = true // one more copy of the page, for readers without scripts
	}
	b, err := s.tmpl.render("article", v)
	return b, held, err
}

// commentsOpen reports whether an article takes comments now.
func commentsOpen(a *article.Article, set comment.Settings, now time.Time) bool {
	return !a.CommentsClosed && !(set.CloseOld && now.After(a.Published.AddDate(0, 0, set.CloseDays)))
}

// findNode finds a comment in threads.
func findNode(nodes []*comment.Node, id int64) *comment.Node {
	for _, n := range nodes {
		if n.ID == id {
			return n
		}
		if f := findNode(n.Children, id); f != nil {
			return f
		}
	}
	return nil
}

// serveHeld answers an article page for a reader whose held-comments
// cookie names comments on this article, and reports whether it did. The
// page, which may show their own held comments, is rendered for them alone
// and never cached. Ids no longer held leave the cookie, so the reader
// returns to the cached pages.
func (s *Server) serveHeld(w http.ResponseWriter, r *http.Request, q articleReq) bool {
	if s.comments == nil {
		return false
	}
	value := heldCookie(r)
	if value == "" {
		return false
	}
	refs := s.tokens.HeldRefs(value)
	if len(refs) == 0 {
		s.setHeldCookie(w, "") // expired or unreadable: of no use any more
		return false
	}
	ctx := r.Context()
	var a *article.Article
	articleID := int64(0)
	if e := s.cache.get(q.key()); e != nil {
		articleID = e.articleID
	} else {
		var err error
		if a, err = s.st.ArticleByPath(ctx, q.path); err != nil {
			return false // the cached path answers the 404 or the outage
		}
		articleID = a.ID
	}
	ids := s.tokens.HeldOn(value, articleID)
	if len(ids) == 0 {
		return false
	}
	if a == nil {
		var err error
		if a, err = s.st.ArticleByPath(ctx, q.path); err != nil {
			return false
		}
	}
	b, shown, err := s.renderArticle(ctx, a, q, ids)
	if err != nil {
		s.renderFailed(w, r, q.key(), err)
		return true
	}
	if kept := keepHeld(refs, articleID, shown); len(kept) != len(refs) {
		next := ""
		if len(kept) > 0 {
			next = s.tokens.SignHeld(kept)
		}
		s.setHeldCookie(w, next)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Add("Set-Cookie", s.seenHeader()[0])
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return true
	}
	w.Write(b)
	return true
}

// keepHeld drops from refs this article's comments that no longer show as
// held.
func keepHeld(refs []comment.HeldRef, articleID int64, shown []int64) []comment.HeldRef {
	return slices.DeleteFunc(slices.Clone(refs), func(r comment.HeldRef) bool {
		return r.ArticleID == articleID && !slices.Contains(shown, r.CommentID)
	})
}
