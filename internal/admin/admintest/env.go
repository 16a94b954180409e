package admintest

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// Env is a back office mounted as serve mounts it, beside a stand-in for
// the public site, on a real database.
type Env struct {
	T      *testing.T
	Store  *store.Store
	Admin  *admin.Admin
	Server *httptest.Server
	// Log is the back office's logger; screens log to it too, so that a
	// test reads one record of what happened in Logs.
	Log  *slog.Logger
	Logs *Logs
	// Clock is the time the store and the back office read, with
	// FrozenClock; nil when they read the real time.
	Clock *Clock
}

// Option changes how New builds the back office.
type Option func(*options)

type options struct {
	configure []func(*admin.Config)
	start     time.Time // zero: the real time
}

// Configure changes the back office's Config before it is built.
func Configure(f func(*admin.Config)) Option {
	return func(o *options) { o.configure = append(o.configure, f) }
}

// FrozenClock makes the store and the back office read a Clock that
// starts at start and moves only when the test advances it, for tests of
// what happens after a while (sessions ending, limits lifting).
func FrozenClock(start time.Time) Option {
	return func(o *options) { o.start = start }
}

// New builds a back office for "Daily Test" on st, with cheap password
// hashing, and serves it until the test ends.
func New(t *testing.T, st *store.Store, opts ...Option) *Env {
	t.Helper()
	var o options
	for _, f := range opts {
		f(&o)
	}
	e := &Env{T: t, Store: st, Logs: &Logs{}}
	e.Log = slog.New(slog.NewTextHandler(e.Logs, nil))
	cfg := admin.Config{SiteName: "Daily Test", Password: Hashing()}
	if !o.start.IsZero() {
		e.Clock = &Clock{t: o.start}
		st.SetClock(e.Clock.Now)
		cfg.Now = e.Clock.Now
	}
	for _, f := range o.configure {
		f(&cfg)
	}
	adm, err := admin.New(cfg, st, e.Log)
	if err != nil {
		t.Fatal(err)
	}
	e.Admin = adm
	mux := http.NewServeMux()
	mux.Handle("/admin/", adm)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "public site") })
	e.Server = httptest.NewServer(mux)
	t.Cleanup(e.Server.Close)
	return e
}

// Each runs fn once per store dialect, as storetest.Each does, on the
// environment that build makes of each store: a screen's build is New
// plus registering the screen.
func Each[E any](t *testing.T, build func(*testing.T, *store.Store) E, fn func(*testing.T, E)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		fn(t, build(t, st))
	})
}

// SQLite is a store on SQLite only, for browser tests: one run in Chromium
// shows the pages work, and the dialects are covered by the other tests.
func SQLite(t *testing.T) *store.Store {
	t.Helper()
	return storetest.Open(t, "sqlite:"+filepath.Join(t.TempDir(), "masthead.db"))
}
