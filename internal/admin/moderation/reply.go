package moderation

import (
	"errors"
	"net/http"
	"strings"

	"masthead/internal/admin"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// canReply: a reply shows on the article only under a comment that shows
// there, so replying to a pending comment approves it first (as
// WordPress's "Approve and Reply" does); spam and trash take no replies.
func canReply(s comment.Status) bool {
	return s == comment.StatusApproved || s == comment.StatusPending
}

// reply publishes the signed-in user's answer under a comment.
func (h *handler) reply(w http.ResponseWriter, r *http.Request) {
	id, ok := commentID(r)
	if !ok {
		h.noComment(w, r)
		return
	}
	r.ParseForm()
	ctx := r.Context()
	u, _ := admin.CurrentUser(r)
	parent, err := h.st.Comment(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.noComment(w, r)
		return
	case err != nil:
		h.fail(w, r, "reply", err)
		return
	}
	if !canReply(parent.Status) {
		h.adm.Error(w, r, http.StatusConflict, "Only approved or pending comments can be answered; approve this one first.")
		return
	}
	in := comment.Input{ArticleID: parent.ArticleID, ParentID: parent.ID,
		Author: u.Name, Email: u.Email, Content: r.PostForm.Get("content")}
	if errs := comment.Validate(in, comment.Settings{}); len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Message
		}
		h.adm.Error(w, r, http.StatusBadRequest, "The reply was not posted: "+strings.Join(msgs, " "))
		return
	}
	in = comment.Normalize(in)
	learnFailed := false
	if parent.Status == comment.StatusPending {
		approve, _ := actionByVerb("approve")
		if learnFailed, err = h.apply(ctx, approve, parent.ID, u); err != nil {
			h.fail(w, r, "approve before reply", err)
			return
		}
	}
	// Staff replies skip the filter and the discussion rules, but not the
	// store's checks: a double-clicked reply is still a duplicate.
	c := &comment.Comment{
		ArticleID: in.ArticleID, ParentID: in.ParentID,
		Author: in.Author, Email: in.Email, Content: in.Content,
		Status: comment.StatusApproved, StatusChangedBy: actor(u),
	}
	err = h.st.InsertComment(ctx, c, 0)
	var refused comment.Error
	switch {
	case errors.As(err, &refused):
		h.adm.Error(w, r, refused.HTTPStatus(), "The reply was not posted: "+refused.Error())
		return
	case err != nil:
		h.fail(w, r, "reply", err)
		return
	}
	h.log.Info("moderation: reply posted", "comment", c.ID, "parent", parent.ID, "by", u.ID)
	h.done(w, r, filterFrom(r.PostForm), "reply", 1, learnFailed)
}
