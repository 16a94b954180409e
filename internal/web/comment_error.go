package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
)

// commentErrorView is the page a refused comment gets: the reason, and the
// form back as the reader filled it in, or, where no form can be sent (the
// article is gone or closed), their comment to copy.
type commentErrorView struct {
	layout
	Heading string
	Message string   // the reason, when there is no form to show it in
	Article *navLink // the article commented on, when known
	Form    *commentForm
	Kept    string // the reader's comment, when there is no form
}

// commentRefused answers a refused comment with the status its reason
// calls for (never a 5xx for anything the reader sent).
func (s *Server) commentRefused(w http.ResponseWriter, r *http.Request, a *article.Article, p postedComment, err error) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	code, msg := comment.HTTPStatus(err), err.Error()
	if code >= 500 {
		if !errors.Is(err, comment.ErrUnavailable) {
			s.log.Error("web: post comment", "err", err)
		}
		code, msg = http.StatusServiceUnavailable, comment.ErrUnavailable.Error()
		w.Header().Set("Retry-After", "5")
	}
	v := &commentErrorView{Heading: "Your comment was not posted"}
	v.Site = s.site(ctx, "")
	v.Title = v.Heading + " – " + v.Site.id.name
	v.NoIndex = true
	v.Feeds = s.siteFeeds(v.Site.id)
	if a != nil {
		v.Article = &navLink{Name: a.Headline, URL: a.Path()}
	}
	set, serr := s.comments.Settings(ctx)
	if serr != nil {
		set = comment.DefaultSettings()
	}
	if errors.Is(err, comment.ErrFlood) && set.FloodSeconds > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(set.FloodSeconds))
	}
	if a == nil || errors.Is(err, comment.ErrClosed) {
		v.Message, v.Kept = msg, typed(p.values.Comment)
	} else {
		v.Form = s.refilledForm(ctx, a, p, set, err, msg)
		http.SetCookie(w, s.seenCookieValue()) // the form comes afresh: so does its timing
	}
	b, rerr := s.tmpl.render("commenterror", v)
	if rerr != nil {
		s.log.Error("web: render comment error page", "err", rerr)
		s.statusPage(w, r, code, v.Heading, msg)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(b)
}

// refilledForm is the article's form holding what the reader sent, with
// the reason beside the fields it concerns or above them all. A reply to a
// comment that cannot be answered becomes a plain comment.
func (s *Server) refilledForm(ctx context.Context, a *article.Article, p postedComment, set comment.Settings, err error, msg string) *commentForm {
	parentID, replyAuthor := p.parentID, ""
	if parentID > 0 {
		c, cerr := s.st.Comment(ctx, parentID)
		if cerr == nil && c.ArticleID == a.ID && c.Status == comment.StatusApproved {
			replyAuthor = c.Author
		} else {
			parentID = 0
		}
	}
	f := s.newCommentForm(a, a.Path(), set.RequireNameEmail, parentID, replyAuthor)
	f.Values = formValues{
		Comment: typed(p.values.Comment), Author: typed(p.values.Author),
		Email: typed(p.values.Email), URL: typed(p.values.URL), Consent: p.values.Consent,
	}
	var ve *comment.ValidationError
	if errors.As(err, &ve) {
		f.Message = "Please correct what is marked below."
		f.Errors = make(map[string]string, len(ve.Fields))
		for _, fe := range ve.Fields {
			f.Errors[fe.Field] = fe.Message
		}
		return f
	}
	f.Message = msg
	return f
}

// commentTooLarge answers a POST over the body limit. Nothing of it was
// read, so there is no form to give back.
func (s *Server) commentTooLarge(w http.ResponseWriter, r *http.Request) {
	s.statusPage(w, r, http.StatusRequestEntityTooLarge, "Your comment is too long to send",
		"The form was larger than this site accepts (1 MB). A comment can be up to 65,525 characters: please shorten it and send it again.")
}
