// Package settings is the back office's settings screen, for
// administrators: the site's name, address and retention period, and every
// discussion setting of internal/comment.
package settings

import (
	"context"
	"embed"
	"errors"
	"log/slog"

	"masthead/internal/admin"
	"masthead/internal/comment"
)

//go:embed templates static
var files embed.FS

// Keys of the site settings this screen stores beside the discussion
// settings. The public site reads them; unset, the operator's flags apply.
const (
	SiteNameKey = "site_name"
	SiteURLKey  = "site_url"
)

// Comments is the comment service, which validates and caches the
// discussion settings; *comment.Service has it.
type Comments interface {
	SettingValues(ctx context.Context) ([]comment.SettingValue, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Store keeps the site settings; *store.Store has it.
type Store interface {
	Settings(ctx context.Context) (map[string]string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Deps is what Register wires the screen to.
type Deps struct {
	Comments Comments
	Store    Store
	// SiteName and SiteURL are shown while nothing is stored: the
	// operator's --site-name and --base-url.
	SiteName, SiteURL string
	// Log records who changed what; nil logs nothing.
	Log *slog.Logger
}

type handler struct {
	adm    *admin.Admin
	deps   Deps
	log    *slog.Logger
	page   *admin.Page
	assets *admin.Assets
}

// Register adds GET and POST /admin/settings, for administrators.
func Register(adm *admin.Admin, deps Deps) error {
	if adm == nil || deps.Comments == nil || deps.Store == nil {
		return errors.New("settings: the back office, the comment service and a store are required")
	}
	h := &handler{adm: adm, deps: deps, log: deps.Log}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if h.assets, err = adm.Static("/admin/settings/static/", files); err != nil {
		return err
	}
	if h.page, err = adm.ParsePage(files, "templates/settings.html"); err != nil {
		return err
	}
	adm.HandleFunc("GET /admin/settings", admin.RoleAdmin, h.show)
	adm.HandleFunc("POST /admin/settings", admin.RoleAdmin, h.save)
	return nil
}
