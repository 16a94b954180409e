package moderation_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/admin/moderation"
	"masthead/internal/admin/password"
	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

const testPassword = "correct horse battery"

// env is the back office with the queue registered, as serve mounts it,
// on a real database.
type env struct {
	t       *testing.T
	st      *store.Store
	srv     *httptest.Server
	learner *learner
	art     *article.Article
}

// learner records what the queue taught it.
type learner struct {
	mu      sync.Mutex
	lessons []lesson
	fail    bool
}

type lesson struct {
	ID   int64
	Spam bool
}

func (l *learner) LearnComment(_ context.Context, c *comment.Comment, spam bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail {
		return fmt.Errorf("model unavailable")
	}
	l.lessons = append(l.lessons, lesson{c.ID, spam})
	return nil
}

func (l *learner) taught() []lesson {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]lesson(nil), l.lessons...)
}

// each runs fn on every dialect with a fresh back office showing perPage
// comments a page.
func each(t *testing.T, perPage int, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		fn(t, newEnv(t, st, perPage))
	})
}

// newEnv builds the back office as serve does; also registers other
// screens beside the queue.
func newEnv(t *testing.T, st *store.Store, perPage int, also ...func(*admin.Admin) error) *env {
	t.Helper()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs}, nil))
	cheap := password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	adm, err := admin.New(admin.Config{SiteName: "Daily Test", Password: cheap, Pending: moderation.Pending(st)}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, learner: &learner{}}
	if err := moderation.Register(adm, moderation.Deps{Store: st, Learner: e.learner, Log: log, PerPage: perPage}); err != nil {
		t.Fatal(err)
	}
	for _, register := range also {
		if err := register(adm); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/admin/", adm)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	e.art = &article.Article{Headline: "Russia’s war, explained", Slug: "war", BodyHTML: "<p>b</p>",
		Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	if err := st.CreateArticle(context.Background(), e.art); err != nil {
		t.Fatal(err)
	}
	return e
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (e *env) user(role admin.Role, name, email string) {
	e.t.Helper()
	cheap := password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	acc := admin.Account{Email: email, Name: name, Role: role.String(), Password: testPassword}
	if _, err := admin.CreateUser(context.Background(), e.st, acc, cheap); err != nil {
		e.t.Fatal(err)
	}
}

// comment stores a comment on the test article.
func (e *env) comment(c comment.Comment) *comment.Comment {
	e.t.Helper()
	if c.ArticleID == 0 {
		c.ArticleID = e.art.ID
	}
	if err := e.st.InsertComment(context.Background(), &c, 0); err != nil {
		e.t.Fatal(err)
	}
	return &c
}

func (e *env) load(id int64) *comment.Comment {
	e.t.Helper()
	c, err := e.st.Comment(context.Background(), id)
	if err != nil {
		e.t.Fatalf("comment %d: %v", id, err)
	}
	return c
}

// browser is a client with its own cookies that does not follow redirects.
type browser struct {
	e      *env
	client *http.Client
	csrf   string // the session's token, once signed in
}

type page struct {
	status int
	header http.Header
	body   string
}

func (p page) location() string { return p.header.Get("Location") }

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// csrfField finds a form's CSRF token.
func csrfField() *regexp.Regexp { return regexp.MustCompile(`name="csrf" value="([^"]+)"`) }

// signIn signs in through the real sign-in form.
func (e *env) signIn(email string) *browser {
	e.t.Helper()
	b := e.browser()
	m := csrfField().FindStringSubmatch(b.get("/admin/login").body)
	if m == nil {
		e.t.Fatal("the sign-in page has no CSRF field")
	}
	if p := b.post("/admin/login", url.Values{"csrf": {m[1]}, "email": {email}, "password": {testPassword}}); p.status != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: %d", email, p.status)
	}
	m = csrfField().FindStringSubmatch(b.get("/admin/").body)
	if m == nil {
		e.t.Fatal("the dashboard has no CSRF field")
	}
	b.csrf = m[1]
	return b
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

func (b *browser) post(path string, form url.Values) page { return b.do("POST", path, form) }

// submit posts a form with the session's token.
func (b *browser) submit(path string, form url.Values) page {
	b.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", b.csrf)
	return b.post(path, form)
}
