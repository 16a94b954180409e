package admin

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"masthead/internal/admin/password"
	"masthead/internal/httpx"
	"masthead/internal/store"
)

// PendingCounter counts comments waiting for moderation, for the layout's
// "waiting" slot. The comments package provides it.
type PendingCounter interface {
	PendingCount(ctx context.Context) (int, error)
}

// Limit is a token bucket: Burst failures at once, then one more every
// Every.
type Limit struct {
	Burst int
	Every time.Duration
}

// Config is what the back office needs from the operator. Zero fields
// take the defaults documented on each.
type Config struct {
	SiteName string
	// BaseURL is the site's public URL. Its origin is accepted in CSRF
	// checks besides the request's own Host, for proxies that rewrite Host.
	BaseURL string
	// Proxies may tell the client's address and scheme (for rate limits
	// and the cookies' Secure flag). Zero: nobody.
	Proxies httpx.Proxies
	// Pending fills the waiting-comments slot; nil hides it.
	Pending PendingCounter
	// SessionIdle signs a user out after this long without a request
	// (default 12 hours); SessionMax, this long after signing in whatever
	// they do (default 7 days).
	SessionIdle time.Duration
	SessionMax  time.Duration
	// LoginPerAccount and LoginPerIP bound failed sign-ins (defaults: 5,
	// then one per 5 minutes per account; 20, then one a minute per
	// address). The counts are kept in the database, so every instance
	// shares them.
	LoginPerAccount Limit
	LoginPerIP      Limit
	// Password sets argon2id's costs for new hashes (default
	// password.Default()).
	Password password.Params
	// Key signs the sign-in form's CSRF tokens. Default: a random key kept
	// in the database, shared by every instance.
	Key []byte
	// Now is the clock (default time.Now), for tests.
	Now func() time.Time
}

func (c *Config) defaults() {
	if c.SiteName == "" {
		c.SiteName = "masthead"
	}
	if c.SessionIdle <= 0 {
		c.SessionIdle = 12 * time.Hour
	}
	if c.SessionMax <= 0 {
		c.SessionMax = 7 * 24 * time.Hour
	}
	if c.LoginPerAccount.Burst <= 0 {
		c.LoginPerAccount = Limit{Burst: 5, Every: 5 * time.Minute}
	}
	if c.LoginPerIP.Burst <= 0 {
		c.LoginPerIP = Limit{Burst: 20, Every: time.Minute}
	}
	if c.Password == (password.Params{}) {
		c.Password = password.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Admin is the back office: an http.Handler for everything under /admin/.
type Admin struct {
	cfg     Config
	st      *store.Store
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler
	origins []string // trusted for CSRF besides the request's Host

	mu     sync.RWMutex
	routes []Route
	gets   map[string]Role // path of each GET route, for the nav

	layout *template.Template
	assets map[string]string // file name -> URL with a content hash
	pages  builtinPages

	loginTokens *httpx.FormTokens
	limits      signinLimits

	dummyOnce sync.Once
	dummy     string // a hash to verify against when the account is unknown
}

type builtinPages struct {
	login, dashboard, users, errorPage *Page
}

// New builds the back office. Other screens add their routes with Handle
// before the server starts.
func New(cfg Config, st *store.Store, logger *slog.Logger) (*Admin, error) {
	if st == nil || logger == nil {
		return nil, errors.New("admin: a store and a logger are required")
	}
	cfg.defaults()
	if cfg.Key == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		key, err := st.AuthKey(ctx, "admin-login-form")
		cancel()
		if err != nil {
			return nil, fmt.Errorf("admin: sign-in form key: %w", err)
		}
		cfg.Key = key
	}
	a := &Admin{
		cfg: cfg, st: st, log: logger,
		mux:         http.NewServeMux(),
		gets:        map[string]Role{},
		loginTokens: httpx.NewFormTokens(cfg.Key, loginCookie, "/admin/", 2*time.Hour),
		limits:      signinLimits{st: st, key: cfg.Key, account: cfg.LoginPerAccount, addr: cfg.LoginPerIP, now: cfg.Now},
	}
	a.loginTokens.SetClock(cfg.Now)
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
		a.origins = []string{u.Scheme + "://" + u.Host}
	}
	if err := a.loadTemplates(); err != nil {
		return nil, err
	}
	a.registerBuiltins()
	a.handler = httpx.WithHeaders(a.mux, httpx.SetSecurityHeaders, setAdminHeaders)
	return a, nil
}

// ServeHTTP serves everything under /admin/.
func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.handler.ServeHTTP(w, r) }

// setAdminHeaders: the back office is never framed, never cached, leaks
// no URLs, and runs only its own scripts and styles.
func setAdminHeaders(h http.Header) {
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "+
		"script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	httpx.SetNoFraming(h)
	httpx.SetNoStore(h)
}

func (a *Admin) now() time.Time { return a.cfg.Now() }

func (a *Admin) registerBuiltins() {
	a.handle("GET /admin/login", RolePublic, http.HandlerFunc(a.loginPage), a.loginRefused)
	a.handle("POST /admin/login", RolePublic, http.HandlerFunc(a.login), a.loginRefused)
	a.HandleFunc("POST /admin/logout", RoleModerator, a.logout)
	a.HandleFunc("GET /admin/static/{file}", RolePublic, a.static)
	a.HandleFunc("GET /admin/{$}", RoleModerator, a.dashboard)
	a.HandleFunc("GET /admin/users", RoleAdmin, a.usersPage)
	a.HandleFunc("POST /admin/users", RoleAdmin, a.addUser)
	a.HandleFunc("POST /admin/users/{id}/disable", RoleAdmin, a.disableUser)
	a.HandleFunc("POST /admin/users/{id}/enable", RoleAdmin, a.enableUser)
	a.HandleFunc("POST /admin/sessions/{id}/end", RoleAdmin, a.endSession)
	// Not a route of the table: what no route matches.
	a.mux.HandleFunc("/admin/", a.notFound)
}
