package admin_test

import (
	"strconv"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/store"
)

// env is a back office mounted as serve mounts it, on a real database,
// with a clock the test moves.
type env struct{ *admintest.Env }

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env), opts ...func(*admin.Config)) {
	admintest.Each(t, func(t *testing.T, st *store.Store) *env { return newEnv(t, st, opts...) }, fn)
}

func newEnv(t *testing.T, st *store.Store, opts ...func(*admin.Config)) *env {
	t.Helper()
	o := []admintest.Option{admintest.FrozenClock(time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC))}
	for _, f := range opts {
		o = append(o, admintest.Configure(f))
	}
	return &env{admintest.New(t, st, o...)}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
