package privacy_test

import (
	"testing"
	"time"

	"masthead/internal/admin/admintest"
	"masthead/internal/admin/privacy"
	"masthead/internal/store"
)

// env is the back office with the privacy screen, on a real database.
type env struct{ *admintest.Env }

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env)) { admintest.Each(t, newEnv, fn) }

// newEnv registers the screen and adds one account of each role.
func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{admintest.New(t, st)}
	err := privacy.Register(e.Admin, privacy.Deps{Store: st, SiteName: "Daily Test", SiteURL: "https://daily.example",
		Now: func() time.Time { return time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC) }, Log: e.Log})
	if err != nil {
		t.Fatal(err)
	}
	e.AddStaff()
	return e
}
