package admin

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/admin/password"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// cheap keeps tests fast; hashes are argon2id all the same.
func cheap() password.Params {
	return password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

const testPassword = "correct horse battery"

// clock is a settable time shared by the store and the back office.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a back office mounted as serve mounts it, on a real database.
type env struct {
	t     *testing.T
	st    *store.Store
	adm   *Admin
	srv   *httptest.Server
	clock *clock
	logs  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// each runs fn on every store dialect with a fresh back office.
func each(t *testing.T, fn func(t *testing.T, e *env), opts ...func(*Config)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		fn(t, newEnv(t, st, opts...))
	})
}

func newEnv(t *testing.T, st *store.Store, opts ...func(*Config)) *env {
	t.Helper()
	c := &clock{t: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	st.SetClock(c.Now)
	logs := &syncBuffer{}
	cfg := Config{SiteName: "Daily Test", Password: cheap(), Now: c.Now}
	for _, o := range opts {
		o(&cfg)
	}
	adm, err := New(cfg, st, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, adm: adm, clock: c, logs: logs}
	mux := http.NewServeMux()
	mux.Handle("/admin/", adm)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "public site") })
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	return e
}

// user adds an account with testPassword.
func (e *env) user(role Role, name, email string) *store.User {
	e.t.Helper()
	u, err := CreateUser(context.Background(), e.st, Account{Email: email, Name: name, Role: role.String(), Password: testPassword}, cheap())
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// browser is a client with its own cookies that does not follow redirects.
type browser struct {
	e      *env
	client *http.Client
	header http.Header // sent with every request
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// page is a response with its body read.
type page struct {
	status int
	header http.Header
	body   string
}

func (p page) location() string { return p.header.Get("Location") }

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
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, header: resp.Header, body: string(raw)}
}

func (b *browser) get(path string) page                   { return b.do("GET", path, nil) }
func (b *browser) post(path string, form url.Values) page { return b.do("POST", path, form) }

// csrfField finds a form's CSRF token.
func csrfField() *regexp.Regexp { return regexp.MustCompile(`name="csrf" value="([^"]+)"`) }

// token is the CSRF token of a page's first form.
func (b *browser) token(path string) string {
	b.e.t.Helper()
	p := b.get(path)
	m := csrfField().FindStringSubmatch(p.body)
	if m == nil {
		b.e.t.Fatalf("GET %s (%d) has no CSRF field", path, p.status)
	}
	return m[1]
}

// signIn signs in through the form, as a person would.
func (b *browser) signIn(email, pw string) page {
	b.e.t.Helper()
	return b.post("/admin/login", url.Values{"csrf": {b.token("/admin/login")}, "email": {email}, "password": {pw}})
}

// mustSignIn signs in and returns the session's CSRF token.
func (b *browser) mustSignIn(email string) string {
	b.e.t.Helper()
	if p := b.signIn(email, testPassword); p.status != http.StatusSeeOther {
		b.e.t.Fatalf("sign in as %s: status %d\n%s", email, p.status, p.body)
	}
	return b.token("/admin/")
}

func (b *browser) cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.e.srv.URL + "/admin/")
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
