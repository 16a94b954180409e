package sources

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

// inboxView is the inbox page.
type inboxView struct {
	Items     []*store.InboxItem
	Published *article.Article // just published from here
	Skipped   bool
	Refused   string // why the story the editor tried to publish was not
}

func (h *handler) listInbox(w http.ResponseWriter, r *http.Request) {
	view := inboxView{Skipped: r.URL.Query().Get("skipped") == "1"}
	if id := queryInt(r, "published"); id > 0 {
		a, err := h.st.ArticleByID(r.Context(), id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			h.serverError(w, r, "load published article", err)
			return
		}
		view.Published = a
	}
	h.renderInbox(w, r, http.StatusOK, view)
}

func (h *handler) renderInbox(w http.ResponseWriter, r *http.Request, status int, view inboxView) {
	items, err := h.st.Inbox(r.Context())
	if err != nil {
		h.serverError(w, r, "list inbox", err)
		return
	}
	view.Items = items
	h.adm.RenderStatus(w, r, status, h.inbox, "Inbox", view)
}

// publishItem publishes a waiting story under its source's rules as they
// stand now, and shows where it went.
func (h *handler) publishItem(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "story")
	if !ok {
		return
	}
	a, err := syndication.PublishFromInbox(r.Context(), h.st, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such story in the inbox; it may have been removed with its source.")
		return
	case errors.Is(err, syndication.ErrNotPublishable):
		_, why, _ := strings.Cut(err.Error(), syndication.ErrNotPublishable.Error()+": ")
		h.renderInbox(w, r, http.StatusUnprocessableEntity, inboxView{Refused: "This story cannot be published: " + why})
		return
	case errors.Is(err, store.ErrConflict):
		h.renderInbox(w, r, http.StatusConflict, inboxView{Refused: "This story is published already."})
		return
	case err != nil:
		h.serverError(w, r, "publish inbox story", err)
		return
	}
	h.log.Info("admin: inbox story published", "item", id, "article", a.ID, "by", editor(r))
	http.Redirect(w, r, "/admin/inbox?published="+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}

func (h *handler) skipItem(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "story")
	if !ok {
		return
	}
	switch err := h.st.SkipInboxItem(r.Context(), id); {
	case errors.Is(err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such story in the inbox.")
		return
	case errors.Is(err, store.ErrConflict):
		h.renderInbox(w, r, http.StatusConflict, inboxView{Refused: "This story is published already; unpublish the article instead."})
		return
	case err != nil:
		h.serverError(w, r, "skip inbox story", err)
		return
	}
	h.log.Info("admin: inbox story skipped", "item", id, "by", editor(r))
	http.Redirect(w, r, "/admin/inbox?skipped=1", http.StatusSeeOther)
}
