// Package privacy answers people's requests about their data, for
// administrators: a download of everything stored about an email address,
// and erasing it, by anonymising the comments or deleting them.
package privacy

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"masthead/internal/admin"
	"masthead/internal/article"
	"masthead/internal/store"
)

//go:embed templates
var files embed.FS

// Store is what requests need from the database; *store.Store has it.
type Store interface {
	PersonalData(ctx context.Context, email string) (*store.PersonalData, error)
	CountCommentsByEmail(ctx context.Context, email string) (int, error)
	AnonymiseComments(ctx context.Context, email string) (int64, error)
	DeleteCommentsByEmail(ctx context.Context, email string) (int64, error)
	CommentArticles(ctx context.Context, ids []int64) (map[int64]*article.Article, error)
	UserByEmail(ctx context.Context, email string) (*store.User, error)
}

// Deps is what Register wires the screen to.
type Deps struct {
	Store Store
	// SiteName and SiteURL head the export and make its article links
	// absolute (SiteURL without a trailing slash; "" leaves them relative).
	SiteName, SiteURL string
	// Now is the clock for the export's date (default time.Now).
	Now func() time.Time
	// Log records who made which request, never whose data; nil logs
	// nothing.
	Log *slog.Logger
}

type handler struct {
	adm           *admin.Admin
	deps          Deps
	log           *slog.Logger
	form, confirm *admin.Page
}

// Register adds the privacy screen's routes, for administrators:
// GET /admin/privacy, POST /admin/privacy/export, POST /admin/privacy/erase.
func Register(adm *admin.Admin, deps Deps) error {
	if adm == nil || deps.Store == nil {
		return errors.New("privacy: the back office and a store are required")
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	h := &handler{adm: adm, deps: deps, log: deps.Log}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if err := adm.ParsePages(files, map[string]**admin.Page{
		"templates/privacy.html": &h.form,
		"templates/confirm.html": &h.confirm,
	}); err != nil {
		return err
	}
	adm.HandleFunc("GET /admin/privacy", admin.RoleAdmin, h.show)
	adm.HandleFunc("POST /admin/privacy/export", admin.RoleAdmin, h.export)
	adm.HandleFunc("POST /admin/privacy/erase", admin.RoleAdmin, h.erase)
	return nil
}

// formView is the request form, with what was typed and what is wrong.
type formView struct {
	Email  string
	Mode   string
	Error  string
	Notice string
}

func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	v := formView{Mode: modeAnonymise}
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("n")); err == nil {
		what := map[string]string{modeAnonymise: "anonymised", modeDelete: "deleted for good"}[q.Get("done")]
		if what != "" {
			v.Notice = fmt.Sprintf("%s %s. Public pages follow within a second.", comments(n), what)
		}
	}
	h.adm.Render(w, r, h.form, "Privacy requests", v)
}

// address reads the form's email address, or re-renders the form saying
// what is wrong with it.
func (h *handler) address(w http.ResponseWriter, r *http.Request) (string, bool) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	msg := ""
	switch {
	case email == "":
		msg = "Enter the email address the request is about."
	case len(email) > 320 || !utf8.ValidString(email) || strings.IndexFunc(email, unicode.IsControl) >= 0 || !strings.Contains(email, "@"):
		msg = "Enter an email address such as name@example.org."
	}
	if msg == "" {
		return email, true
	}
	h.adm.RenderStatus(w, r, http.StatusUnprocessableEntity, h.form, "Privacy requests",
		formView{Email: email, Mode: mode(r), Error: msg})
	return "", false
}

func comments(n int) string {
	if n == 1 {
		return "1 comment"
	}
	return strconv.Itoa(n) + " comments"
}

func (h *handler) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	h.log.Error("privacy: "+what, "err", err)
	h.adm.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}
