package sources

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"strings"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

// itemView previews an inbox story as it would be published: the source's
// rules applied as they stand now, credits and all.
type itemView struct {
	Item    *store.InboxItem
	Story   *article.Article // nil once published: the article is the copy
	Problem string
	// Sanitized again here, whatever the importer did: the preview runs in
	// the back office, where a script would act with an editor's session.
	CreditTop, Body, CreditEnd template.HTML
	Lead                       *article.Image // nil when the body shows the image itself
}

func (h *handler) previewItem(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "story")
	if !ok {
		return
	}
	it, err := h.st.InboxItem(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such story in the inbox.")
		return
	case err != nil:
		h.serverError(w, r, "load inbox story", err)
		return
	}
	view := itemView{Item: it, Problem: it.Problem}
	if it.Received != nil {
		src, err := h.st.SourceByID(r.Context(), it.SourceID)
		if err != nil {
			h.serverError(w, r, "load the story's source", err)
			return
		}
		e := syndication.Prepare(it.Received, src)
		view.Story, view.Problem = e.Prepared, e.Problem
		view.CreditTop = template.HTML(h.pol.Article(e.Syndication.CreditTop))
		view.Body = template.HTML(h.pol.Article(e.Prepared.BodyHTML))
		view.CreditEnd = template.HTML(h.pol.Article(e.Syndication.CreditEnd))
		if img := e.Prepared.Image; img.URL != "" && !strings.Contains(string(view.Body), html.EscapeString(img.URL)) {
			view.Lead = &img
		}
	}
	h.adm.Render(w, r, h.item, "Preview: "+it.Headline, view)
}
