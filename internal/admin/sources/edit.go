package sources

import (
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/store"
)

// formView is the add/edit page.
type formView struct {
	ID     int64 // 0 when adding
	Form   sourceForm
	Errors fieldErrors
}

func (h *handler) renderForm(w http.ResponseWriter, r *http.Request, status int, v formView) {
	title := "Add a source"
	if v.ID != 0 {
		title = "Edit source"
	}
	h.adm.RenderStatus(w, r, status, h.form, title, v)
}

func (h *handler) newSource(w http.ResponseWriter, r *http.Request) {
	h.renderForm(w, r, http.StatusOK, formView{Form: newForm()})
}

func (h *handler) createSource(w http.ResponseWriter, r *http.Request) {
	f := readForm(r)
	src := &store.Source{}
	if errs := f.apply(src); errs != nil {
		h.renderForm(w, r, http.StatusUnprocessableEntity, formView{Form: f, Errors: errs})
		return
	}
	switch err := h.st.CreateSource(r.Context(), src); {
	case errors.Is(err, store.ErrConflict):
		h.renderForm(w, r, http.StatusUnprocessableEntity, formView{Form: f,
			Errors: fieldErrors{"feed_url": "A source with this feed exists already."}})
		return
	case err != nil:
		h.serverError(w, r, "add source", err)
		return
	}
	h.log.Info("admin: source added", "source", src.ID, "by", editor(r))
	http.Redirect(w, r, "/admin/sources?added="+strconv.FormatInt(src.ID, 10), http.StatusSeeOther)
}

func (h *handler) editSource(w http.ResponseWriter, r *http.Request) {
	src, ok := h.source(w, r)
	if !ok {
		return
	}
	h.renderForm(w, r, http.StatusOK, formView{ID: src.ID, Form: formOf(src)})
}

func (h *handler) updateSource(w http.ResponseWriter, r *http.Request) {
	src, ok := h.source(w, r)
	if !ok {
		return
	}
	f := readForm(r)
	if errs := f.apply(src); errs != nil {
		h.renderForm(w, r, http.StatusUnprocessableEntity, formView{ID: src.ID, Form: f, Errors: errs})
		return
	}
	switch err := h.st.UpdateSource(r.Context(), src); {
	case errors.Is(err, store.ErrConflict):
		h.renderForm(w, r, http.StatusUnprocessableEntity, formView{ID: src.ID, Form: f,
			Errors: fieldErrors{"feed_url": "Another source has this feed."}})
		return
	case errors.Is(err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such source; it may have been removed.")
		return
	case err != nil:
		h.serverError(w, r, "update source", err)
		return
	}
	h.log.Info("admin: source changed", "source", src.ID, "by", editor(r))
	http.Redirect(w, r, "/admin/sources?saved="+strconv.FormatInt(src.ID, 10), http.StatusSeeOther)
}

// source loads the source the path names, answering 404 if there is none.
func (h *handler) source(w http.ResponseWriter, r *http.Request) (*store.Source, bool) {
	id, ok := h.pathID(w, r, "source")
	if !ok {
		return nil, false
	}
	src, err := h.st.SourceByID(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.adm.Error(w, r, http.StatusNotFound, "There is no such source; it may have been removed.")
		return nil, false
	case err != nil:
		h.serverError(w, r, "load source", err)
		return nil, false
	}
	return src, true
}
