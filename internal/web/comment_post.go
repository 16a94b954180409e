package web

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"strconv"

	"masthead/internal/article"
	"masthead/internal/comment"
)

// maxCommentBody bounds a comment POST. The longest comment WordPress
// takes is 65,525 characters: at 4 bytes each, percent-encoded, that is
// under 1 MiB with room for the other fields.
const maxCommentBody = 1 << 20

// postedComment is the form as the reader sent it, to show back on an
// error page.
type postedComment struct {
	values   formValues
	parentID int64
}

// handleCommentPost takes a comment from the form (or anything posting
// WordPress's fields): on success a 303 to the comment on its article
// page; on any refusal an error page, with the status the refusal calls
// for, that gives the reader their form back as they filled it in.
func (s *Server) handleCommentPost(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.ContentLength > maxCommentBody {
		s.commentTooLarge(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentBody)
	if err := parseCommentForm(r); err != nil {
		// After the limit, the body reader keeps answering with its error.
		var tooBig *http.MaxBytesError
		if _, rerr := r.Body.Read(make([]byte, 1)); errors.As(err, &tooBig) || errors.As(rerr, &tooBig) {
			s.commentTooLarge(w, r)
			return
		}
		s.statusPage(w, r, http.StatusBadRequest, "Your comment could not be read",
			"The form arrived garbled. Please go back to the article and send your comment again.")
		return
	}
	f := r.PostForm
	p := postedComment{values: formValues{
		Comment: f.Get("comment"), Author: f.Get("author"), Email: f.Get("email"), URL: f.Get("url"),
		Consent: f.Get(consentField) != "",
	}}
	ctx := r.Context()
	a, err := s.commentArticle(ctx, f.Get("comment_post_ID"))
	if err != nil {
		s.commentRefused(w, r, nil, p, err)
		return
	}
	if v := f.Get("comment_parent"); v != "" {
		if p.parentID, err = strconv.ParseInt(v, 10, 64); err != nil || p.parentID < 0 {
			s.commentRefused(w, r, a, p, comment.ErrBadParent)
			return
		}
	}
	in := comment.Input{
		ArticleID: a.ID, ParentID: p.parentID,
		Author: p.values.Author, Email: p.values.Email, URL: p.values.URL, Content: p.values.Comment,
		UserAgent: r.UserAgent(), Referrer: r.Referer(),
		Token: f.Get(tokenField), Honeypot: f.Get(honeypotField),
	}
	if ip := s.cfg.Proxies.ClientIP(r); ip.IsValid() {
		in.IP = ip.String()
	}
	if c, err := r.Cookie(comment.SeenCookieName); err == nil {
		in.Seen = c.Value
	}
	c, err := s.comments.SubmitTo(ctx, a, in)
	if err != nil {
		s.commentRefused(w, r, a, p, err)
		return
	}
	s.commentAccepted(w, r, a, c, p.values.Consent)
}

// parseCommentForm reads the body as a browser sends it (urlencoded) or as
// some clients do (multipart), within the body limit.
func parseCommentForm(r *http.Request) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		err := r.ParseMultipartForm(maxCommentBody)
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll()
		}
		return err
	}
	return r.ParseForm()
}

// commentArticle finds the published article a comment is posted on.
func (s *Server) commentArticle(ctx context.Context, id string) (*article.Article, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, comment.ErrArticleNotFound
	}
	a, err := s.st.CommentArticle(ctx, n)
	if err != nil {
		return nil, err
	}
	if a.Status != article.StatusPublished {
		return nil, comment.ErrArticleNotFound
	}
	return a, nil
}

// commentAccepted sends the reader to their comment. A comment that is not
// approved — held, or refused as spam, discard or trash — is answered the
// same way, down to the cookie naming it: the reader sees it as awaiting
// moderation, and a spammer learns nothing.
func (s *Server) commentAccepted(w http.ResponseWriter, r *http.Request, a *article.Article, c *comment.Comment, consent bool) {
	ctx := r.Context()
	old := heldCookie(r)
	held := s.tokens.HeldOn(old, a.ID)
	if c.Status == comment.StatusApproved {
		s.published(ctx)
	} else {
		s.setHeldCookie(w, s.tokens.AddHeld(old, a.ID, c.ID))
		held = append(held, c.ID)
	}
	page := 1
	if pages, err := s.comments.CommentPages(ctx, a.ID, held); err == nil && pages[c.ID] > 0 {
		page = pages[c.ID]
	}
	s.setSavedDetails(w, r, consent, c)
	// A fresh form-seen cookie, so the reader's next comment has one of its own.
	http.SetCookie(w, s.seenCookieValue())
	http.Redirect(w, r, commentPagePath(a.Path(), page)+"#"+c.Anchor(), http.StatusSeeOther)
}

// published makes a new approved comment visible to the reader about to
// be redirected to it: this instance drops its pages now instead of at
// Watch's next look, and takes the store's version as seen so that Watch
// does not drop them again.
func (s *Server) published(ctx context.Context) {
	if v, err := s.st.Version(ctx); err == nil {
		s.version.Store(v)
	}
	s.cache.drop()
}
