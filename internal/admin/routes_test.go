package admin

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

	"masthead/internal/store"
)

// stubScreens registers pages as the other screens will, one per role, so
// the walk covers routes of every level.
func stubScreens(a *Admin) {
	ok := func(w http.ResponseWriter, r *http.Request) {
		u, _ := CurrentUser(r)
		io.WriteString(w, "stub for "+u.Name)
	}
	done := func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/admin/", http.StatusSeeOther) }
	a.HandleFunc("GET /admin/comments", RoleModerator, ok)
	a.HandleFunc("POST /admin/comments/{id}/approve", RoleModerator, done)
	a.HandleFunc("GET /admin/sources", RoleEditor, ok)
	a.HandleFunc("POST /admin/sources", RoleEditor, done)
	a.HandleFunc("GET /admin/settings", RoleAdmin, ok)
	a.HandleFunc("POST /admin/settings", RoleAdmin, done)
}

// session signs u in without the form (fast, for walking many routes):
// a browser holding a fresh session's cookie, and its CSRF token.
func (e *env) session(u *store.User) (*browser, string) {
	e.t.Helper()
	token, id := newSessionToken()
	now := e.clock.Now()
	ss := &store.Session{ID: id, UserID: u.ID, CSRF: "csrf-" + id[:16], Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
	if err := e.st.CreateSession(context.Background(), ss); err != nil {
		e.t.Fatal(err)
	}
	b := e.browser()
	srv, _ := url.Parse(e.srv.URL + "/admin/")
	b.client.Jar.SetCookies(srv, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/admin/"}})
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
		stubScreens(e.adm)
		users := map[Role]*store.User{
			RoleModerator: e.user(RoleModerator, "Mo Moderator", "mo@example.org"),
			RoleEditor:    e.user(RoleEditor, "Ed Editor", "ed@example.org"),
			RoleAdmin:     e.user(RoleAdmin, "Ada Admin", "ada@example.org"),
		}
		target := e.user(RoleModerator, "Target", "target@example.org")
		values := map[string]string{"id": strconv.FormatInt(target.ID, 10), "file": "admin.css"}

		routes := e.adm.Routes()
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
				anon := e.browser()
				if rt.Role == RolePublic {
					if rt.Method == "GET" {
						if p := anon.get(path); p.status != http.StatusOK {
							t.Errorf("anonymous GET %s = %d, want 200", path, p.status)
						}
					}
					return // public POSTs carry their own token: see TestCSRF
				}
				switch p := anon.do(rt.Method, path, url.Values{}); {
				case rt.Method == "GET" && (p.status != http.StatusSeeOther || !strings.HasPrefix(p.location(), "/admin/login")):
					t.Errorf("anonymous GET %s = %d to %q, want 303 to the sign-in page", path, p.status, p.location())
				case rt.Method != "GET" && p.status != http.StatusForbidden:
					t.Errorf("anonymous %s %s = %d, want 403", rt.Method, path, p.status)
				}
				for _, role := range Roles() {
					b, csrf := e.session(users[role])
					p := b.do(rt.Method, path, url.Values{"csrf": {csrf}})
					if !role.Allows(rt.Role) {
						if p.status != http.StatusForbidden || !strings.Contains(p.body, "This page is for") {
							t.Errorf("%s: %s %s = %d, want 403 with the reason", role, rt.Method, path, p.status)
						}
						continue
					}
					if rt.Method == "GET" && p.status != http.StatusOK {
						t.Errorf("%s: GET %s = %d (to %q), want 200", role, path, p.status, p.location())
					}
					if p.status == http.StatusForbidden || p.status >= 500 {
						t.Errorf("%s: %s %s = %d (to %q), want it let through", role, rt.Method, path, p.status, p.location())
					}
				}
			})
		}
	})
}

func TestCSRF(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		stubScreens(e.adm)
		admin := e.user(RoleAdmin, "Ada Admin", "ada@example.org")
		other := e.user(RoleAdmin, "Other Admin", "other@example.org")
		target := e.user(RoleModerator, "Target", "target@example.org")
		_, otherToken := e.session(other)
		for _, rt := range e.adm.Routes() {
			if rt.Method == "GET" || rt.Role == RolePublic {
				continue
			}
			path := fill(rt.Path, map[string]string{"id": strconv.FormatInt(target.ID, 10)})
			t.Run(rt.Pattern, func(t *testing.T) {
				b, good := e.session(admin)
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
					b.header.Set("Origin", c.origin)
					if c.origin == "" {
						b.header.Del("Origin")
					}
					p := b.post(path, c.form)
					if p.status != http.StatusForbidden || !strings.Contains(p.body, "nothing was changed") {
						t.Errorf("%s: status %d, want 403 saying nothing was changed", c.name, p.status)
					}
				}
			})
		}

		// Refused means refused: the account in the form was not added.
		b, _ := e.session(admin)
		form := url.Values{"email": {"new@example.org"}, "name": {"New"}, "role": {"admin"}, "password": {testPassword}}
		if p := b.post("/admin/users", form); p.status != http.StatusForbidden {
			t.Errorf("add user without token = %d", p.status)
		}
		if _, err := e.st.UserByEmail(context.Background(), "new@example.org"); err == nil {
			t.Error("a user was added by a request without a CSRF token")
		}
		// The header works as well as the field, for scripts.
		b2, good := e.session(admin)
		b2.header.Set("X-CSRF-Token", good)
		if p := b2.post("/admin/users", form); p.status != http.StatusSeeOther {
			t.Errorf("add user with X-CSRF-Token = %d, want 303", p.status)
		}

		// The sign-in form: no token, or another browser's, is refused, and
		// the form comes back with a fresh token.
		e.user(RoleEditor, "Ed", "ed@example.org")
		anon := e.browser()
		p := anon.post("/admin/login", url.Values{"email": {"ed@example.org"}, "password": {testPassword}})
		if p.status != http.StatusForbidden || !strings.Contains(p.body, "form had expired") || !csrfField().MatchString(p.body) {
			t.Errorf("sign-in without token = %d, want 403 with the form again", p.status)
		}
		stolen := e.browser().token("/admin/login")
		anon.get("/admin/login") // anon has its own cookie now
		p = anon.post("/admin/login", url.Values{"csrf": {stolen}, "email": {"ed@example.org"}, "password": {testPassword}})
		if p.status != http.StatusForbidden || anon.cookie(sessionCookie) != nil {
			t.Errorf("sign-in with another browser's token = %d, session cookie %v; want 403 and none", p.status, anon.cookie(sessionCookie))
		}
		anon.header.Set("Origin", "https://evil.example")
		p = anon.post("/admin/login", url.Values{"csrf": {anon.token("/admin/login")}, "email": {"ed@example.org"}, "password": {testPassword}})
		if p.status != http.StatusForbidden {
			t.Errorf("sign-in posted from another site = %d, want 403", p.status)
		}
	})
}
