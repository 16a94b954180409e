package articles_test

import (
	"strconv"
	"testing"

	"masthead/internal/admin/admintest"
	"masthead/internal/admin/articles"
	"masthead/internal/store"
)

// env is the back office with the articles screen, as serve mounts it, on
// a real database.
type env struct{ *admintest.Env }

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env)) { admintest.Each(t, newEnv, fn) }

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{admintest.New(t, st)}
	if err := articles.Register(e.Admin, articles.Deps{Store: st, Logger: e.Log}); err != nil {
		t.Fatal(err)
	}
	return e
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
