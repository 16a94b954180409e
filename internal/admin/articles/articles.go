// Package articles is the back office's Articles screen: every article in
// every status, publishing and unpublishing, tags, and the editor for the
// site's own stories, written in Markdown. Imported stories keep their
// licence's terms: a No-Derivatives story's text cannot be changed here.
package articles

import (
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"masthead/internal/admin"
	"masthead/internal/article"
	"masthead/internal/sanitize"
	"masthead/internal/store"
)

//go:embed templates
var templates embed.FS

// Deps is what the screen needs.
type Deps struct {
	Store *store.Store
	// Sanitizer cleans Markdown's output and edited bodies; nil builds one.
	Sanitizer *sanitize.Policies
	// Logger records what went wrong behind a 500; nil is slog.Default().
	Logger *slog.Logger
}

type handler struct {
	adm *admin.Admin
	st  *store.Store
	pol *sanitize.Policies
	md  *markdown
	log *slog.Logger

	list, own, imported *admin.Page
}

// Register parses the screen's templates and adds its routes, for editors
// and up.
func Register(adm *admin.Admin, deps Deps) error {
	if adm == nil || deps.Store == nil {
		return errors.New("articles: the back office and a store are required")
	}
	h := &handler{adm: adm, st: deps.Store, pol: deps.Sanitizer, log: deps.Logger}
	if h.pol == nil {
		h.pol = sanitize.New()
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	h.md = newMarkdown(h.pol)
	if err := adm.ParsePages(templates, map[string]**admin.Page{
		"templates/articles.html": &h.list,
		"templates/own.html":      &h.own,
		"templates/imported.html": &h.imported,
	}); err != nil {
		return err
	}

	ed := admin.RoleEditor
	adm.HandleFunc("GET /admin/articles", ed, h.listArticles)
	adm.HandleFunc("GET /admin/articles/new", ed, h.newArticle)
	adm.HandleFunc("POST /admin/articles", ed, h.createArticle)
	adm.HandleFunc("GET /admin/articles/{id}", ed, h.editArticle)
	adm.HandleFunc("POST /admin/articles/{id}", ed, h.saveArticle)
	adm.HandleFunc("POST /admin/articles/{id}/tags", ed, h.setTags)
	adm.HandleFunc("POST /admin/articles/{id}/publish", ed, h.publish)
	adm.HandleFunc("POST /admin/articles/{id}/unpublish", ed, h.unpublish)
	return nil
}

// editArticle opens the editor that fits: Markdown for the site's own
// stories, the imported story's page otherwise.
func (h *handler) editArticle(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	if a.Source.Imported() {
		h.showImported(w, r, a)
		return
	}
	h.showOwn(w, r, a.ID)
}

func (h *handler) saveArticle(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	if a.Source.Imported() {
		h.saveImported(w, r, a)
		return
	}
	h.updateOwn(w, r, a.ID)
}

// article loads the article the path names, in any status; false (and a
// 404 sent) if there is none.
func (h *handler) article(w http.ResponseWriter, r *http.Request) (*article.Article, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.notFound(w, r)
		return nil, false
	}
	a, err := h.st.ArticleByID(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.notFound(w, r)
		return nil, false
	case err != nil:
		h.serverError(w, r, "load article", err)
		return nil, false
	}
	return a, true
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.adm.Error(w, r, http.StatusNotFound, "There is no such article.")
}

// serverError logs what went wrong and tells the editor only that it did.
func (h *handler) serverError(w http.ResponseWriter, r *http.Request, what string, err error) {
	h.log.Error("admin/articles: "+what, "path", r.URL.Path, "err", err)
	h.adm.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}

func editor(r *http.Request) admin.User {
	u, _ := admin.CurrentUser(r)
	return u
}

func editURL(id int64, notice string) string {
	u := "/admin/articles/" + strconv.FormatInt(id, 10)
	if notice != "" {
		u += "?done=" + notice
	}
	return u
}
