package apikeys_test

import (
	"crypto/rand"
	"encoding/hex"
	"testing"

	"masthead/internal/admin/admintest"
	"masthead/internal/admin/apikeys"
	"masthead/internal/store"
)

// env is the back office with the API keys screen, as serve mounts it, on
// a real database.
type env struct{ *admintest.Env }

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env)) { admintest.Each(t, newEnv, fn) }

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{admintest.New(t, st)}
	if err := apikeys.Register(e.Admin, apikeys.Deps{Store: st, NewKey: newKey, Logger: e.Log}); err != nil {
		t.Fatal(err)
	}
	return e
}

// newKey makes keys as akismet.NewKey does: 24 lower-case hex digits.
func newKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
