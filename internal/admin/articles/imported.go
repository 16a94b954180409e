package articles

import (
	"errors"
	"html/template"
	"net/http"
	"strings"

	"masthead/internal/article"
	"masthead/internal/store"
)

// importedView is an imported story's page: what may change under its
// licence (status, tags, and the text unless No-Derivatives forbids it)
// beside what may not (credits, licence).
type importedView struct {
	Article              *article.Article
	Path                 string // the public path, once published
	CreditTop, CreditEnd template.HTML
	// Refusal says why the text cannot be changed; empty if it can.
	Refusal string
	Refused bool          // an edit was just refused
	Body    string        // the text being edited, as HTML
	Shown   template.HTML // the text as readers see it, or the edit previewed
	Preview bool
	Tags    string
	Errors  fieldErrors
	Notice  string
}

func (h *handler) importedView(r *http.Request, a *article.Article) (importedView, error) {
	v := importedView{Article: a, Body: a.BodyHTML, Shown: template.HTML(h.pol.Article(a.BodyHTML)),
		Tags: strings.Join(a.Tags, ", ")}
	if a.Status == article.StatusPublished {
		v.Path = a.Path()
	}
	if err := store.BodyEditRefusal(a.Licence); err != nil {
		v.Refusal = err.Error() + "."
	}
	syn, err := h.st.ArticleSyndication(r.Context(), a.ID)
	switch {
	case errors.Is(err, store.ErrNotFound): // imported by 'import feed': no credit lines
	case err != nil:
		return v, err
	default:
		v.CreditTop, v.CreditEnd = template.HTML(h.pol.Article(syn.CreditTop)), template.HTML(h.pol.Article(syn.CreditEnd))
	}
	return v, nil
}

func (h *handler) renderImported(w http.ResponseWriter, r *http.Request, status int, v importedView) {
	h.adm.RenderStatus(w, r, status, h.imported, v.Article.Headline, v)
}

func (h *handler) showImported(w http.ResponseWriter, r *http.Request, a *article.Article) {
	v, err := h.importedView(r, a)
	if err != nil {
		h.serverError(w, r, "load credits", err)
		return
	}
	v.Notice = notice(r.URL.Query().Get("done"))
	h.renderImported(w, r, http.StatusOK, v)
}

// saveImported edits an imported story's text. The store has the last
// word on what a licence allows: a No-Derivatives story is refused there,
// and the page says why.
func (h *handler) saveImported(w http.ResponseWriter, r *http.Request, a *article.Article) {
	v, err := h.importedView(r, a)
	if err != nil {
		h.serverError(w, r, "load credits", err)
		return
	}
	body := h.pol.Article(r.PostFormValue("body"))
	if r.PostFormValue("action") != "save" { // only the Save button changes the text
		v.Body, v.Shown, v.Preview = body, template.HTML(body), true
		h.renderImported(w, r, http.StatusOK, v)
		return
	}
	if strings.TrimSpace(body) == "" {
		v.Body, v.Errors = body, fieldErrors{"body": "The story cannot be empty; to take it down, unpublish it."}
		h.renderImported(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	err = h.st.UpdateArticleBody(r.Context(), a.ID, body)
	var nd *store.NoDerivativesError
	switch {
	case errors.As(err, &nd):
		h.log.Info("admin: edit of a No-Derivatives story refused", "article", a.ID, "by", editor(r).ID)
		v.Refusal, v.Refused = nd.Error()+".", true
		h.renderImported(w, r, http.StatusConflict, v)
		return
	case errors.Is(err, store.ErrNotFound):
		h.notFound(w, r)
		return
	case err != nil:
		h.serverError(w, r, "update article body", err)
		return
	}
	h.log.Info("admin: imported story edited", "article", a.ID, "by", editor(r).ID)
	http.Redirect(w, r, editURL(a.ID, "saved"), http.StatusSeeOther)
}

// setTags replaces an article's tags: presentation, so every licence
// allows it.
func (h *handler) setTags(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	tags := strings.TrimSpace(r.PostFormValue("tags"))
	if msg := checkTags(tags); msg != "" {
		if !a.Source.Imported() {
			// The own editor has the tags in its form; show it there.
			h.showOwnWithTagError(w, r, a.ID, tags, msg)
			return
		}
		v, err := h.importedView(r, a)
		if err != nil {
			h.serverError(w, r, "load credits", err)
			return
		}
		v.Tags, v.Errors = tags, fieldErrors{"tags": msg}
		h.renderImported(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	switch err := h.st.SetArticleTags(r.Context(), a.ID, splitList(tags)); {
	case errors.Is(err, store.ErrNotFound):
		h.notFound(w, r)
		return
	case err != nil:
		h.serverError(w, r, "set tags", err)
		return
	}
	h.log.Info("admin: article tags set", "article", a.ID, "by", editor(r).ID)
	http.Redirect(w, r, editURL(a.ID, "tagged"), http.StatusSeeOther)
}
