package sources_test

import (
	"strconv"
	"testing"

	"masthead/internal/admin/admintest"
	"masthead/internal/admin/sources"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

// env is the back office with the sources screens, as serve mounts it, on
// a real database, with a real poller.
type env struct{ *admintest.Env }

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env)) { admintest.Each(t, newEnv, fn) }

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{admintest.New(t, st)}
	poller := syndication.NewPoller(st, syndication.PollerConfig{Logger: e.Log})
	if err := sources.Register(e.Admin, sources.Deps{Store: st, Poller: poller, Logger: e.Log}); err != nil {
		t.Fatal(err)
	}
	return e
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
