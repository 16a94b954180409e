package moderation

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"masthead/internal/admin"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// action is one decision a moderator can make about a comment.
type action struct {
	verb string         // in the URL, and the bulk form's value
	to   comment.Status // "" deletes
	past string         // for the notice: "3 comments approved"
}

func actions() []action {
	return []action{
		{"approve", comment.StatusApproved, "approved"},
		{"unapprove", comment.StatusPending, "moved to pending"},
		{"spam", comment.StatusSpam, "marked as spam"},
		{"trash", comment.StatusTrash, "moved to the trash"},
		{"delete", "", "deleted for good"},
	}
}

func actionByVerb(verb string) (action, bool) {
	for _, a := range actions() {
		if a.verb == verb {
			return a, true
		}
	}
	return action{}, false
}

// actor is how a moderator is named in a comment's history: the address,
// which, unlike a name, is one account's alone.
func actor(u admin.User) string { return u.Email }

// apply makes one decision and teaches the filter from it. learnFailed
// says the decision stands but the filter could not learn from it.
func (h *handler) apply(ctx context.Context, a action, id int64, u admin.User) (learnFailed bool, err error) {
	if a.to == "" {
		if err := h.st.DeleteComment(ctx, id); err != nil {
			return false, err
		}
		h.log.Info("moderation: comment deleted", "comment", id, "by", u.ID)
		return false, nil
	}
	c, err := h.st.Comment(ctx, id)
	if err != nil {
		return false, err
	}
	if c.Status == a.to {
		return false, nil // nothing changes, so there is nothing new to learn
	}
	if err := h.st.SetCommentStatus(ctx, id, a.to, actor(u)); err != nil {
		return false, err
	}
	h.log.Info("moderation: comment status changed", "comment", id, "from", c.Status, "to", a.to, "by", u.ID)
	c.Status = a.to
	return !h.learn(ctx, c), nil
}

// learn teaches the filter ham from an approval and spam from a spam
// verdict; other moves teach nothing. It reports success.
func (h *handler) learn(ctx context.Context, c *comment.Comment) bool {
	if h.learner == nil || (c.Status != comment.StatusApproved && c.Status != comment.StatusSpam) {
		return true
	}
	if err := h.learner.LearnComment(ctx, c, c.Status == comment.StatusSpam); err != nil {
		h.log.Error("moderation: the spam filter could not learn", "comment", c.ID, "err", err)
		return false
	}
	return true
}

// one handles a button on one comment.
func (h *handler) one(a action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := commentID(r)
		if !ok {
			h.noComment(w, r)
			return
		}
		r.ParseForm()
		u, _ := admin.CurrentUser(r)
		learnFailed, err := h.apply(r.Context(), a, id, u)
		switch {
		case errors.Is(err, store.ErrNotFound):
			h.noComment(w, r)
			return
		case err != nil:
			h.fail(w, r, a.verb, err)
			return
		}
		h.done(w, r, filterFrom(r.PostForm), a.verb, 1, learnFailed)
	}
}

// maxBulk bounds one bulk request; a page never shows more.
const maxBulk = 1000

// bulk applies one action to every checked comment.
func (h *handler) bulk(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f := filterFrom(r.PostForm)
	a, ok := actionByVerb(r.PostForm.Get("action"))
	if !ok {
		h.adm.Error(w, r, http.StatusBadRequest, "Choose what to do with the selected comments, then press Apply.")
		return
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, s := range r.PostForm["id"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !seen[id] && len(ids) < maxBulk {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		http.Redirect(w, r, f.URL(url.Values{"done": {"none"}}), http.StatusSeeOther)
		return
	}
	u, _ := admin.CurrentUser(r)
	n, anyFailed := 0, false
	for _, id := range ids {
		learnFailed, err := h.apply(r.Context(), a, id, u)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue // gone already: another moderator was quicker
		case err != nil:
			h.fail(w, r, a.verb, err)
			return
		}
		n++
		anyFailed = anyFailed || learnFailed
	}
	h.done(w, r, f, a.verb, n, anyFailed)
}

// done sends the moderator back to the queue they acted from, with a
// notice of what happened.
func (h *handler) done(w http.ResponseWriter, r *http.Request, f filter, verb string, n int, learnFailed bool) {
	extra := url.Values{"done": {verb}, "n": {strconv.Itoa(n)}}
	if learnFailed {
		extra.Set("learn", "failed")
	}
	http.Redirect(w, r, f.URL(extra), http.StatusSeeOther)
}

func commentID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (h *handler) noComment(w http.ResponseWriter, r *http.Request) {
	h.adm.Error(w, r, http.StatusNotFound, "There is no such comment; it may have been deleted.")
}

// fail logs what went wrong and tells the moderator only that it did.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	h.log.Error("moderation: "+what, "path", r.URL.Path, "err", err)
	h.adm.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}
