package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/store"
)

// stubScreens registers pages as the other screens will, one per role, so
// the walk covers routes of every level.
func stubScreens(a *admin.Admin) {
	ok := func(w http.ResponseWriter, r *http.Request) {
		u, _ := admin.CurrentUser(r)
		io.WriteString(w, "stub for "+u.Name)
	}
	done := func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/admin/", http.StatusSeeOther) }
	a.HandleFunc("GET /admin/comments", admin.RoleModerator, ok)
	a.HandleFunc("POST /admin/comments/{id}/approve", admin.RoleModerator, done)
	a.HandleFunc("GET /admin/sources", admin.RoleEditor, ok)
	a.HandleFunc("POST /admin/sources", admin.RoleEditor, done)
	a.HandleFunc("GET /admin/settings", admin.RoleAdmin, ok)
	a.HandleFunc("POST /admin/settings", admin.RoleAdmin, done)
}

// session signs u in without the form (fast, for walking many routes):
// a browser holding a fresh session's cookie, and its CSRF token.
func (e *env) session(u *store.User) (*admintest.Browser, string) {
	e.T.Helper()
	token, id := admin.NewSessionToken()
	now := e.Clock.Now()
	ss := &store.Session{ID: id, UserID: u.ID, CSRF: "csrf-" + id[:16], Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
	if err := e.Store.CreateSession(context.Background(), ss); err != nil {
		e.T.Fatal(err)
	}
	b := e.Browser()
	srv, _ := url.Parse(e.Server.URL + "/admin/")
	b.Client.Jar.SetCookies(srv, []*http.Cookie{{Name: admin.SessionCookie, Value: token, Path: "/admin/"}})
	return b, ss.CSRF
}

// fill puts sample values into a route's wildcards; the guard decides
// before any handler reads them.
func fill(path string, values map[string]string) string {
	path = strings.TrimSuffix(path, "{$}")
	wildcard := regexp.MustCompile(`\{([^}.]+)(\.\.\.)?\}`)
	return wildcard.ReplaceAllStringFunc(path, func(m string) string {
		name := wildcard.FindStringSubmatch(m)[1]
		if v, ok := values[name]; ok {
			return v
		}
		return "1"
	})
}

func TestEveryRouteEnforcesItsRole(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		stubScreens(e.Admin)
		users := map[admin.Role]*store.User{
			admin.RoleModerator: e.User(admin.RoleModerator, "Mo Moderator", "mo@example.org"),
			admin.RoleEditor:    e.User(admin.RoleEditor, "Ed Editor", "ed@example.org"),
			admin.RoleAdmin:     e.User(admin.RoleAdmin, "Ada Admin", "ada@example.org"),
		}
		target := e.User(admin.RoleModerator, "Target", "target@example.org")
		values := map[string]string{"id": strconv.FormatInt(target.ID, 10), "file": "admin.css"}

		routes := e.Admin.Routes()
		seen := map[string]bool{}
		for _, rt := range routes {
			seen[rt.Pattern] = true
		}
		for _, want := range []string{"GET /admin/{$}", "GET /admin/users", "POST /admin/users", "POST /admin/logout",
			"GET /admin/login", "POST /admin/login", "GET /admin/comments", "POST /admin/settings"} {
			if !seen[want] {
				t.Errorf("route table lacks %s", want)
			}
		}

		for _, rt := range routes {
			path := fill(rt.Path, values)
			t.Run(rt.Pattern, func(t *testing.T) {
				anon := e.Browser()
				if rt.Role == admin.RolePublic {
					if rt.Method == "GET" {
						if p := anon.Get(path); p.Status != http.StatusOK {
							t.Errorf("anonymous GET %s = %d, want 200", path, p.Status)
						}
					}
					return // public POSTs carry their own token: see TestCSRF
				}
				switch p := anon.Do(rt.Method, path, url.Values{}); {
				case rt.Method == "GET" && (p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location(), "/admin/login")):
					t.Errorf("anonymous GET %s = %d to %q, want 303 to the sign-in page", path, p.Status, p.Location())
				case rt.Method != "GET" && p.Status != http.StatusForbidden:
					t.Errorf("anonymous %s %s = %d, want 403", rt.Method, path, p.Status)
				}
				for _, role := range admin.Roles() {
					b, csrf := e.session(users[role])
					p := b.Do(rt.Method, path, url.Values{"csrf": {csrf}})
					if !role.Allows(rt.Role) {
						if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "This page is for") {
							t.Errorf("%s: %s %s = %d, want 403 with the reason", role, rt.Method, path, p.Status)
						}
						continue
					}
					if rt.Method == "GET" && p.Status != http.StatusOK {
						t.Errorf("%s: GET %s = %d (to %q), want 200", role, path, p.Status, p.Location())
					}
					if p.Status == http.StatusForbidden || p.Status >= 500 {
						t.Errorf("%s: %s %s = %d (to %q), want it let through", role, rt.Method, path, p.Status, p.Location())
					}
				}
			})
		}
	})
}

func TestCSRF(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		stubScreens(e.Admin)
		ada := e.User(admin.RoleAdmin, "Ada Admin", "ada@example.org")
		other := e.User(admin.RoleAdmin, "Other Admin", "other@example.org")
		target := e.User(admin.RoleModerator, "Target", "target@example.org")
		_, otherToken := e.session(other)
		for _, rt := range e.Admin.Routes() {
			if rt.Method == "GET" || rt.Role == admin.RolePublic {
				continue
			}
			path := fill(rt.Path, map[string]string{"id": strconv.FormatInt(target.ID, 10)})
			t.Run(rt.Pattern, func(t *testing.T) {
				b, good := e.session(ada)
				cases := []struct {
					name   string
					form   url.Values
					origin string
				}{
					{"no token", url.Values{}, ""},
					{"wrong token", url.Values{"csrf": {"x" + good}}, ""},
					{"another session's token", url.Values{"csrf": {otherToken}}, ""},
					{"right token from another site", url.Values{"csrf": {good}}, "https://evil.example"},
				}
				for _, c := range cases {
					b.Header.Set("Origin", c.origin)
					if c.origin == "" {
						b.Header.Del("Origin")
					}
					p := b.Post(path, c.form)
					if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "nothing was changed") {
						t.Errorf("%s: status %d, want 403 saying nothing was changed", c.name, p.Status)
					}
				}
			})
		}

		// Refused means refused: the account in the form was not added.
		b, _ := e.session(ada)
		form := url.Values{"email": {"new@example.org"}, "name": {"New"}, "role": {"admin"}, "password": {admintest.Password}}
		if p := b.Post("/admin/users", form); p.Status != http.StatusForbidden {
			t.Errorf("add user without token = %d", p.Status)
		}
		if _, err := e.Store.UserByEmail(context.Background(), "new@example.org"); err == nil {
			t.Error("a user was added by a request without a CSRF token")
		}
		// The header works as well as the field, for scripts.
		b2, good := e.session(ada)
		b2.Header.Set("X-CSRF-Token", good)
		if p := b2.Post("/admin/users", form); p.Status != http.StatusSeeOther {
			t.Errorf("add user with X-CSRF-Token = %d, want 303", p.Status)
		}

		// The sign-in form: no token, or another browser's, is refused, and
		// the form comes back with a fresh token.
		e.User(admin.RoleEditor, "Ed", "ed@example.org")
		anon := e.Browser()
		p := anon.Post("/admin/login", url.Values{"email": {"ed@example.org"}, "password": {admintest.Password}})
		if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "form had expired") || !admintest.CSRFField().MatchString(p.Body) {
			t.Errorf("sign-in without token = %d, want 403 with the form again", p.Status)
		}
		stolen := e.Browser().Token("/admin/login")
		anon.Get("/admin/login") // anon has its own cookie now
		p = anon.Post("/admin/login", url.Values{"csrf": {stolen}, "email": {"ed@example.org"}, "password": {admintest.Password}})
		if p.Status != http.StatusForbidden || anon.Cookie(admin.SessionCookie) != nil {
			t.Errorf("sign-in with another browser's token = %d, session cookie %v; want 403 and none", p.Status, anon.Cookie(admin.SessionCookie))
		}
		anon.Header.Set("Origin", "https://evil.example")
		p = anon.Post("/admin/login", url.Values{"csrf": {anon.Token("/admin/login")}, "email": {"ed@example.org"}, "password": {admintest.Password}})
		if p.Status != http.StatusForbidden {
			t.Errorf("sign-in posted from another site = %d, want 403", p.Status)
		}
	})
}
