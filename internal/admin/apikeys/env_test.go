package apikeys_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/admin/apikeys"
	"masthead/internal/admin/password"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

const testPassword = "correct horse battery"

// env is the back office with the API keys screen, as serve mounts it, on
// a real database.
type env struct {
	t   *testing.T
	st  *store.Store
	srv *httptest.Server
}

func each(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		fn(t, newEnv(t, st))
	})
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	cheap := password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	logger := slog.New(slog.DiscardHandler)
	adm, err := admin.New(admin.Config{SiteName: "Daily Test", Password: cheap}, st, logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := apikeys.Register(adm, apikeys.Deps{Store: st, NewKey: newKey, Logger: logger}); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/admin/", adm)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &env{t: t, st: st, srv: srv}
}

// page is a response with its body read.
type page struct {
	status int
	header http.Header
	body   string
}

func (p page) location() string { return p.header.Get("Location") }

// browser keeps cookies, does not follow redirects, and sends its
// session's CSRF token with every POST unless told otherwise.
type browser struct {
	e      *env
	client *http.Client
	csrf   string
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (b *browser) do(method, path string, form url.Values) page {
	b.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.e.srv.URL+path, body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, header: resp.Header, body: string(raw)}
}

func (b *browser) get(path string) page { return b.do("GET", path, nil) }

// post sends form with the session's token.
func (b *browser) post(path string, form url.Values) page {
	b.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if !form.Has("csrf") {
		form.Set("csrf", b.csrf)
	}
	return b.do("POST", path, form)
}

// follow GETs where a 303 points.
func (b *browser) follow(p page) page {
	b.e.t.Helper()
	if p.status != http.StatusSeeOther {
		b.e.t.Fatalf("status %d, want 303\n%s", p.status, p.body)
	}
	return b.get(p.location())
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn adds an account with role and signs in through the form.
func (e *env) signIn(role admin.Role) *browser {
	e.t.Helper()
	email := role.String() + "@example.org"
	acc := admin.Account{Email: email, Name: "Test " + role.Label(), Role: role.String(), Password: testPassword}
	cheap := password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	if _, err := admin.CreateUser(context.Background(), e.st, acc, cheap); err != nil {
		e.t.Fatal(err)
	}
	b := e.browser()
	m := csrfField.FindStringSubmatch(b.get("/admin/login").body)
	if m == nil {
		e.t.Fatal("the sign-in page has no CSRF field")
	}
	p := b.do("POST", "/admin/login", url.Values{"csrf": {m[1]}, "email": {email}, "password": {testPassword}})
	if p.status != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: %d", role, p.status)
	}
	if m = csrfField.FindStringSubmatch(b.get("/admin/").body); m == nil {
		e.t.Fatal("the dashboard has no CSRF field")
	}
	b.csrf = m[1]
	return b
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// newKey makes keys as akismet.NewKey does: 24 lower-case hex digits.
func newKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
