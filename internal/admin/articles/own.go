package articles

import (
	"errors"
	"html/template"
	"net/http"

	"masthead/internal/article"
	"masthead/internal/store"
)

// ownView is the Markdown editor.
type ownView struct {
	ID      int64 // 0 for a new article
	Form    ownForm
	Errors  fieldErrors
	Preview template.HTML // sanitized; set when the editor asked for one
	Status  article.Status
	Draft   bool
	Path    string // the public path, once published
	Licence article.Licence
	Notice  string
}

func (h *handler) renderOwn(w http.ResponseWriter, r *http.Request, status int, v ownView) {
	title := "New article"
	if v.ID != 0 {
		title = "Edit: " + v.Form.Headline
	}
	h.adm.RenderStatus(w, r, status, h.own, title, v)
}

func (h *handler) newArticle(w http.ResponseWriter, r *http.Request) {
	lic, err := h.siteLicence(r.Context())
	if err != nil {
		h.serverError(w, r, "read the site's licence", err)
		return
	}
	h.renderOwn(w, r, http.StatusOK, ownView{Form: ownForm{Authors: editor(r).Name}, Draft: true, Licence: lic})
}

func (h *handler) showOwn(w http.ResponseWriter, r *http.Request, id int64) {
	o, ok := h.loadOwn(w, r, id)
	if !ok {
		return
	}
	v := viewOf(o)
	v.Notice = notice(r.URL.Query().Get("done"))
	h.renderOwn(w, r, http.StatusOK, v)
}

// showOwnWithTagError is the editor again after a tags form it does not
// itself hold was refused.
func (h *handler) showOwnWithTagError(w http.ResponseWriter, r *http.Request, id int64, tags, msg string) {
	o, ok := h.loadOwn(w, r, id)
	if !ok {
		return
	}
	v := viewOf(o)
	v.Form.Tags, v.Errors = tags, fieldErrors{"tags": msg}
	h.renderOwn(w, r, http.StatusUnprocessableEntity, v)
}

func (h *handler) loadOwn(w http.ResponseWriter, r *http.Request, id int64) (*store.OwnArticle, bool) {
	o, err := h.st.OwnArticleByID(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.notFound(w, r)
		return nil, false
	case err != nil:
		h.serverError(w, r, "load own article", err)
		return nil, false
	}
	return o, true
}

func viewOf(o *store.OwnArticle) ownView {
	a := o.Article
	v := ownView{ID: a.ID, Form: ownFormOf(a, o.Markdown), Status: a.Status, Draft: o.Draft, Licence: a.Licence}
	if a.Status == article.StatusPublished {
		v.Path = a.Path()
	}
	return v
}

// preview answers the Preview button: the form again, as typed, with the
// story rendered below it; nothing is saved.
func (h *handler) preview(w http.ResponseWriter, r *http.Request, v ownView) {
	body, err := h.md.render(v.Form.Markdown)
	if err != nil {
		h.serverError(w, r, "render Markdown", err)
		return
	}
	v.Preview = template.HTML(body)
	h.renderOwn(w, r, http.StatusOK, v)
}

func (h *handler) createArticle(w http.ResponseWriter, r *http.Request) {
	lic, err := h.siteLicence(r.Context())
	if err != nil {
		h.serverError(w, r, "read the site's licence", err)
		return
	}
	f, action := readOwnForm(r), r.PostFormValue("action")
	body, ok := h.submitted(w, r, ownView{Form: f, Draft: true, Licence: lic}, action)
	if !ok {
		return
	}
	status, done := article.StatusUnpublished, "created"
	if action == "publish" {
		status, done = article.StatusPublished, "published"
	}
	o := &store.OwnArticle{Markdown: f.Markdown, Article: &article.Article{
		Headline: f.Headline, Summary: f.Summary, BodyHTML: body, Authors: f.authors(),
		Tags: splitList(f.Tags), Licence: lic, Status: status,
	}}
	if err := h.st.CreateOwnArticle(r.Context(), o); err != nil {
		h.serverError(w, r, "create article", err)
		return
	}
	h.log.Info("admin: article written", "article", o.Article.ID, "status", status, "by", editor(r).ID)
	http.Redirect(w, r, editURL(o.Article.ID, done), http.StatusSeeOther)
}

// submitted does what writing and editing share: it previews unless a
// saving button was pressed, shows the form's errors, and renders the
// Markdown. ok is false when it has answered the request itself.
func (h *handler) submitted(w http.ResponseWriter, r *http.Request, v ownView, action string) (body string, ok bool) {
	if action != "save" && action != "publish" {
		h.preview(w, r, v) // only a button that says so changes anything
		return "", false
	}
	if v.Errors = v.Form.check(); v.Errors != nil {
		h.renderOwn(w, r, http.StatusUnprocessableEntity, v)
		return "", false
	}
	body, err := h.md.render(v.Form.Markdown)
	if err != nil {
		h.serverError(w, r, "render Markdown", err)
		return "", false
	}
	return body, true
}

// updateOwn saves an edit of the site's own article, and publishes it if
// asked. Its licence is the one it was written under.
func (h *handler) updateOwn(w http.ResponseWriter, r *http.Request, id int64) {
	ctx := r.Context()
	o, ok := h.loadOwn(w, r, id)
	if !ok {
		return
	}
	f, action := readOwnForm(r), r.PostFormValue("action")
	v := viewOf(o)
	v.Form = f
	body, ok := h.submitted(w, r, v, action)
	if !ok {
		return
	}
	a := o.Article
	a.Headline, a.Summary, a.BodyHTML, a.Authors, a.Tags = f.Headline, f.Summary, body, f.authors(), splitList(f.Tags)
	o.Markdown = f.Markdown
	switch err := h.st.UpdateOwnArticle(ctx, o); {
	case errors.Is(err, store.ErrNotFound):
		h.notFound(w, r)
		return
	case err != nil:
		h.serverError(w, r, "update article", err)
		return
	}
	done := "saved"
	if action == "publish" && a.Status != article.StatusPublished {
		if err := h.st.SetArticleStatus(ctx, id, article.StatusPublished); err != nil {
			h.serverError(w, r, "publish article", err)
			return
		}
		done = "published"
	}
	h.log.Info("admin: article edited", "article", id, "by", editor(r).ID)
	http.Redirect(w, r, editURL(id, done), http.StatusSeeOther)
}
