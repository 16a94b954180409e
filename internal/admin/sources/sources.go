// Package sources is the back office's Sources and Inbox screens: the
// feeds stories come from, with their licences and rules, and the stories
// they sent that wait for an editor to publish or skip.
package sources

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"masthead/internal/admin"
	"masthead/internal/sanitize"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

//go:embed templates
var templates embed.FS

// Poller polls sources on demand; syndication.Poller is one.
type Poller interface {
	PollNow(ctx context.Context, ids ...int64) ([]syndication.PollReport, error)
}

// Deps is what the screens need.
type Deps struct {
	Store  *store.Store
	Poller Poller
	// Sanitizer renders previews of stories; nil builds one.
	Sanitizer *sanitize.Policies
	// Logger records what went wrong behind a 500; nil is slog.Default().
	Logger *slog.Logger
}

// handler serves the screens.
type handler struct {
	adm    *admin.Admin
	st     *store.Store
	poller Poller
	pol    *sanitize.Policies
	log    *slog.Logger

	list, form, inbox, item *admin.Page
}

// Register parses the screens' templates and adds their routes, for
// editors and up.
func Register(adm *admin.Admin, deps Deps) error {
	if adm == nil || deps.Store == nil || deps.Poller == nil {
		return errors.New("sources: the back office, a store and a poller are required")
	}
	h := &handler{adm: adm, st: deps.Store, poller: deps.Poller, pol: deps.Sanitizer, log: deps.Logger}
	if h.pol == nil {
		h.pol = sanitize.New()
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	if err := adm.ParsePages(templates, map[string]**admin.Page{
		"templates/sources.html":     &h.list,
		"templates/source_form.html": &h.form,
		"templates/inbox.html":       &h.inbox,
		"templates/inbox_item.html":  &h.item,
	}); err != nil {
		return err
	}

	ed := admin.RoleEditor
	adm.HandleFunc("GET /admin/sources", ed, h.listSources)
	adm.HandleFunc("GET /admin/sources/new", ed, h.newSource)
	adm.HandleFunc("POST /admin/sources", ed, h.createSource)
	adm.HandleFunc("GET /admin/sources/{id}", ed, h.editSource)
	adm.HandleFunc("POST /admin/sources/{id}", ed, h.updateSource)
	adm.HandleFunc("POST /admin/sources/{id}/poll", ed, h.pollSource)
	adm.HandleFunc("POST /admin/sources/{id}/remove", ed, h.removeSource)

	adm.HandleFunc("GET /admin/inbox", ed, h.listInbox)
	adm.HandleFunc("GET /admin/inbox/{id}", ed, h.previewItem)
	adm.HandleFunc("POST /admin/inbox/{id}/publish", ed, h.publishItem)
	adm.HandleFunc("POST /admin/inbox/{id}/skip", ed, h.skipItem)
	return nil
}

// serverError logs what went wrong and tells the editor only that it did.
func (h *handler) serverError(w http.ResponseWriter, r *http.Request, what string, err error) {
	h.log.Error("admin/sources: "+what, "path", r.URL.Path, "err", err)
	h.adm.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}

// pathID reads the {id} wildcard; false (and a 404 sent) if it is no id.
func (h *handler) pathID(w http.ResponseWriter, r *http.Request, what string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.adm.Error(w, r, http.StatusNotFound, "There is no such "+what+".")
		return 0, false
	}
	return id, true
}

// queryInt reads a number the page put in its own redirect; 0 if absent.
func queryInt(r *http.Request, key string) int64 {
	n, _ := strconv.ParseInt(r.URL.Query().Get(key), 10, 64)
	return max(n, 0)
}

func editor(r *http.Request) int64 {
	u, _ := admin.CurrentUser(r)
	return u.ID
}
