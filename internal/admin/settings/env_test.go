package settings_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"masthead/internal/admin"
	"masthead/internal/admin/password"
	"masthead/internal/admin/settings"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

const testPassword = "correct horse battery"

// env is the back office with the settings screen, on a real database.
type env struct {
	t   *testing.T
	st  *store.Store
	svc *comment.Service
	srv *httptest.Server
}

func each(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		fn(t, newEnv(t, st))
	})
}

func cheap() password.Params {
	return password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	adm, err := admin.New(admin.Config{SiteName: "Daily Test", Password: cheap()}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, svc: comment.NewService(comment.Config{Store: st})}
	err = settings.Register(adm, settings.Deps{Comments: e.svc, Store: st,
		SiteName: "Daily Test", SiteURL: "https://daily.example", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/admin/", adm)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	for _, u := range []struct {
		role        admin.Role
		name, email string
	}{{admin.RoleAdmin, "Ada", "ada@example.org"}, {admin.RoleEditor, "Ed", "ed@example.org"}, {admin.RoleModerator, "Mo", "mo@example.org"}} {
		acc := admin.Account{Email: u.email, Name: u.name, Role: u.role.String(), Password: testPassword}
		if _, err := admin.CreateUser(context.Background(), st, acc, cheap()); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

type browser struct {
	e      *env
	client *http.Client
	csrf   string
}

type page struct {
	status int
	header http.Header
	body   string
}

// csrfField finds a form's CSRF token.
func csrfField() *regexp.Regexp { return regexp.MustCompile(`name="csrf" value="([^"]+)"`) }

// signIn signs in through the real sign-in form.
func (e *env) signIn(email string) *browser {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{e: e, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	m := csrfField().FindStringSubmatch(b.get("/admin/login").body)
	if m == nil {
		e.t.Fatal("the sign-in page has no CSRF field")
	}
	if p := b.post("/admin/login", url.Values{"csrf": {m[1]}, "email": {email}, "password": {testPassword}}); p.status != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: %d", email, p.status)
	}
	if m = csrfField().FindStringSubmatch(b.get("/admin/").body); m == nil {
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

func (b *browser) get(path string) page                   { return b.do("GET", path, nil) }
func (b *browser) post(path string, form url.Values) page { return b.do("POST", path, form) }

// formValues is what a browser would send from the page's settings form
// as it stands: text fields, ticked boxes, selected options, textareas.
func formValues(t *testing.T, body string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	v := url.Values{}
	var walk func(n *html.Node, sel string)
	walk = func(n *html.Node, sel string) {
		if n.Type == html.ElementNode {
			a := attrs(n)
			switch n.Data {
			case "input":
				if a["type"] == "checkbox" {
					if _, on := a["checked"]; !on {
						break
					}
				}
				v.Add(a["name"], a["value"])
			case "textarea":
				if n.FirstChild != nil {
					v.Add(a["name"], n.FirstChild.Data)
				} else {
					v.Add(a["name"], "")
				}
			case "select":
				sel = a["name"]
			case "option":
				if _, on := a["selected"]; on {
					v.Add(sel, a["value"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, sel)
		}
	}
	walk(doc, "")
	return v
}

func attrs(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}
