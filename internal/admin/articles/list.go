package articles

import (
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/article"
	"masthead/internal/store"
)

const perPage = 50

// listView is the articles page, one page of the list.
type listView struct {
	Rows       []store.ArticleRow
	Total      int
	Page       int
	Prev, Next int // page numbers; 0 when there is none
	Notice     string
}

func (h *handler) listArticles(w http.ResponseWriter, r *http.Request) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	rows, total, err := h.st.AllArticles(r.Context(), perPage, (page-1)*perPage)
	if err != nil {
		h.serverError(w, r, "list articles", err)
		return
	}
	view := listView{Rows: rows, Total: total, Page: page, Notice: notice(r.URL.Query().Get("done"))}
	if page > 1 {
		view.Prev = page - 1
	}
	if page*perPage < total {
		view.Next = page + 1
	}
	h.adm.Render(w, r, h.list, "Articles", view)
}

func (h *handler) publish(w http.ResponseWriter, r *http.Request) {
	h.setStatus(w, r, article.StatusPublished, "published")
}

func (h *handler) unpublish(w http.ResponseWriter, r *http.Request) {
	h.setStatus(w, r, article.StatusUnpublished, "unpublished")
}

// setStatus publishes or unpublishes any article, whatever its licence,
// and goes back to the list or the editor it was asked from.
func (h *handler) setStatus(w http.ResponseWriter, r *http.Request, status article.Status, done string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.notFound(w, r)
		return
	}
	switch err := h.st.SetArticleStatus(r.Context(), id, status); {
	case errors.Is(err, store.ErrNotFound):
		h.notFound(w, r)
		return
	case err != nil:
		h.serverError(w, r, "set article status", err)
		return
	}
	h.log.Info("admin: article "+done, "article", id, "by", editor(r).ID)
	if r.PostFormValue("from") == "list" {
		page, _ := strconv.Atoi(r.PostFormValue("page"))
		http.Redirect(w, r, "/admin/articles?page="+strconv.Itoa(max(page, 1))+"&done="+done+
			"#article-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, editURL(id, done), http.StatusSeeOther)
}

// notice is the line a page shows after a change, by the key its redirect
// carried; unknown keys show nothing.
func notice(done string) string {
	switch done {
	case "saved":
		return "Saved."
	case "created":
		return "Saved as a draft. Readers see it once you publish it."
	case "published":
		return "Published: readers see it now."
	case "unpublished":
		return "Unpublished: readers no longer see it."
	case "tagged":
		return "Tags saved."
	}
	return ""
}
