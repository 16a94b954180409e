package settings_test

import (
	"testing"

	"masthead/internal/admin/admintest"
	"masthead/internal/admin/settings"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// env is the back office with the settings screen, on a real database.
type env struct {
	*admintest.Env
	svc *comment.Service
}

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env)) { admintest.Each(t, newEnv, fn) }

// newEnv registers the screen and adds one account of each role.
func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{Env: admintest.New(t, st), svc: comment.NewService(comment.Config{Store: st})}
	err := settings.Register(e.Admin, settings.Deps{Comments: e.svc, Store: st,
		SiteName: "Daily Test", SiteURL: "https://daily.example", Log: e.Log})
	if err != nil {
		t.Fatal(err)
	}
	e.AddStaff()
	return e
}
