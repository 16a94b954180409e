// Package apikeys is the back office's API keys screen: the keys other
// sites use to reach the spam filter through the Akismet-compatible API,
// what each key's calls came to, and making and revoking keys. It is for
// administrators only.
package apikeys

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"

	"masthead/internal/admin"
	"masthead/internal/store"
)

//go:embed templates
var templates embed.FS

// Deps is what the screen needs.
type Deps struct {
	Store *store.Store
	// NewKey makes a fresh random key; serve passes akismet.NewKey, so the
	// API that checks keys also decides what one looks like.
	NewKey func() string
	// Logger records what went wrong behind a 500; nil is slog.Default().
	Logger *slog.Logger
}

type handler struct {
	adm    *admin.Admin
	st     *store.Store
	newKey func() string
	log    *slog.Logger
	page   *admin.Page
}

// Register parses the screen's template and adds its routes.
func Register(adm *admin.Admin, deps Deps) error {
	if adm == nil || deps.Store == nil || deps.NewKey == nil {
		return errors.New("apikeys: the back office, a store and a key maker are required")
	}
	h := &handler{adm: adm, st: deps.Store, newKey: deps.NewKey, log: deps.Logger}
	if h.log == nil {
		h.log = slog.Default()
	}
	page, err := adm.ParsePage(templates, "templates/apikeys.html")
	if err != nil {
		return err
	}
	h.page = page
	adm.HandleFunc("GET /admin/api-keys", admin.RoleAdmin, h.list)
	adm.HandleFunc("POST /admin/api-keys", admin.RoleAdmin, h.create)
	adm.HandleFunc("POST /admin/api-keys/{id}/revoke", admin.RoleAdmin, h.revoke)
	return nil
}

// handle names a key in URLs and forms without giving it away: pages
// show a key once, when it is made, and never put it in a link.
func handle(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// serverError logs what went wrong and tells the admin only that it did.
func (h *handler) serverError(w http.ResponseWriter, r *http.Request, what string, err error) {
	h.log.Error("admin/apikeys: "+what, "path", r.URL.Path, "err", err)
	h.adm.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}

func adminID(r *http.Request) int64 {
	u, _ := admin.CurrentUser(r)
	return u.ID
}
