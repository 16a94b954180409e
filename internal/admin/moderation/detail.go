package moderation

import (
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/comment"
	"masthead/internal/store"
)

// detailView is one comment with everything stored about it.
type detailView struct {
	Row     rowView
	History []comment.StatusChange
	BackURL string
	CSS, JS string
}

// show is a comment's own page: its whole text, every field and its
// moderation history.
func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	id, ok := commentID(r)
	if !ok {
		h.noComment(w, r)
		return
	}
	ctx := r.Context()
	c, err := h.st.Comment(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.noComment(w, r)
		return
	case err != nil:
		h.fail(w, r, "load comment", err)
		return
	}
	hist, err := h.st.CommentHistory(ctx, id)
	if err != nil {
		h.fail(w, r, "load history", err)
		return
	}
	// Actions here go back to the comment's tab of the queue.
	f := filter{Status: c.Status, Page: 1}
	if c.Status == comment.StatusDiscard {
		f.Status = comment.StatusSpam
	}
	rows, err := h.rows(r, []*comment.Comment{c}, f)
	if err != nil {
		h.fail(w, r, "load article", err)
		return
	}
	v := detailView{Row: rows[0], History: hist, BackURL: f.URL(nil),
		CSS: h.assets.URL("moderation.css"), JS: h.assets.URL("moderation.js")}
	h.adm.Render(w, r, h.detail, "Comment "+strconv.FormatInt(c.ID, 10), v)
}
