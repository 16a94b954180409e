package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/httpx"
)

func TestSignIn(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleEditor, "Erin Editor", "erin@example.org")
		b := e.Browser()

		p := b.Get("/admin/login")
		for _, want := range []string{`<label for="email">Email</label>`, `<label for="password">Password</label>`,
			`autocomplete="current-password"`, `Skip to content`} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("sign-in page lacks %s", want)
			}
		}
		p = b.SignIn("erin@example.org", "wrong password!")
		if p.Status != http.StatusUnauthorized || !strings.Contains(p.Body, "do not match an account") {
			t.Errorf("wrong password: %d, want 401 saying so", p.Status)
		}
		if !strings.Contains(p.Body, `value="erin@example.org"`) || strings.Contains(p.Body, "wrong password!") {
			t.Error("after a failure the form should keep the email and drop the password")
		}
		p = b.SignIn("nobody@example.org", admintest.Password)
		if p.Status != http.StatusUnauthorized || !strings.Contains(p.Body, "do not match an account") {
			t.Errorf("unknown account: %d, want the same 401 as a wrong password", p.Status)
		}

		p = b.SignIn("ERIN@example.org", admintest.Password)
		if p.Status != http.StatusSeeOther || p.Location() != "/admin/" {
			t.Fatalf("sign in = %d to %q, want 303 to /admin/", p.Status, p.Location())
		}
		var sc *http.Cookie
		for _, c := range (&http.Response{Header: p.Header}).Cookies() {
			if c.Name == admin.SessionCookie {
				sc = c
			}
		}
		if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Path != "/admin/" || sc.Secure {
			t.Errorf("session cookie = %+v; want HttpOnly, SameSite=Lax, Path=/admin/, not Secure over plain HTTP", sc)
		}
		p = b.Get("/admin/")
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "Signed in as <strong class=\"user-name\">Erin Editor</strong>") {
			t.Errorf("dashboard = %d, want it to greet Erin Editor", p.Status)
		}
		if p := b.Get("/admin/login"); p.Status != http.StatusSeeOther || p.Location() != "/admin/" {
			t.Errorf("sign-in page when signed in = %d to %q, want the dashboard", p.Status, p.Location())
		}

		// The stored session is the token's hash, never the token.
		ctx := context.Background()
		if _, _, err := e.Store.SessionUser(ctx, sc.Value); err == nil {
			t.Error("the cookie's token is stored as a session id")
		}
		id, _ := admin.SessionID(sc.Value)
		if ss, _, err := e.Store.SessionUser(ctx, id); err != nil || ss.IP != "127.0.0.1" || ss.UserAgent == "" {
			t.Errorf("stored session = %+v, %v", ss, err)
		}
	})
}

func TestSignInReturnsWhereYouWere(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		b := e.Browser()
		p := b.Get("/admin/users?x=1")
		if p.Status != http.StatusSeeOther || p.Location() != "/admin/login?next=%2Fadmin%2Fusers%3Fx%3D1" {
			t.Fatalf("anonymous GET /admin/users = %d to %q", p.Status, p.Location())
		}
		tok := b.Token(p.Location())
		p = b.Post("/admin/login", url.Values{"csrf": {tok}, "email": {"ada@example.org"}, "password": {admintest.Password}, "next": {"/admin/users?x=1"}})
		if p.Location() != "/admin/users?x=1" {
			t.Errorf("after sign-in went to %q, want /admin/users?x=1", p.Location())
		}
		for _, next := range []string{"//evil.example/admin/", "https://evil.example/admin/", "/admin/\\evil", "/public", "/admin/logout"} {
			if got := admin.SafeNext(next); got != "/admin/" {
				t.Errorf("safeNext(%q) = %q, want /admin/", next, got)
			}
		}
	})
}

func TestSecureCookieBehindTrustedProxy(t *testing.T) {
	proxies, _ := httpx.ParseProxies([]string{"127.0.0.1"})
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		b := e.Browser()
		b.Header.Set("X-Forwarded-Proto", "https")
		p := b.SignIn("ada@example.org", admintest.Password)
		if p.Status != http.StatusSeeOther || !strings.Contains(strings.Join(p.Header.Values("Set-Cookie"), "\n"), admin.SessionCookie+"=") {
			t.Fatalf("sign in = %d", p.Status)
		}
		for _, c := range (&http.Response{Header: p.Header}).Cookies() {
			if !c.Secure {
				t.Errorf("cookie %s not Secure though the proxy says HTTPS", c.Name)
			}
		}
	}, func(c *admin.Config) { c.Proxies = proxies })
}

func TestSignOutEndsTheSession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		b := e.Browser()
		csrf := b.MustSignIn("mo@example.org")
		old := *b.Cookie(admin.SessionCookie)

		p := b.Post("/admin/logout", url.Values{"csrf": {csrf}})
		if p.Status != http.StatusSeeOther || p.Location() != "/admin/login?signed-out=1" {
			t.Fatalf("sign out = %d to %q", p.Status, p.Location())
		}
		if b.Cookie(admin.SessionCookie) != nil {
			t.Error("the session cookie was not cleared")
		}
		if p := b.Get(p.Location()); !strings.Contains(p.Body, "You have signed out.") {
			t.Error("the sign-in page does not say you signed out")
		}

		// Someone who copied the cookie before sign-out gets nothing.
		thief := e.Browser()
		srv, _ := url.Parse(e.Server.URL + "/admin/")
		thief.Client.Jar.SetCookies(srv, []*http.Cookie{{Name: old.Name, Value: old.Value, Path: "/admin/"}})
		p = thief.Get("/admin/")
		if p.Status != http.StatusSeeOther || p.Location() != "/admin/login?ended=1" {
			t.Errorf("replayed cookie: GET /admin/ = %d to %q, want the sign-in page", p.Status, p.Location())
		}
		thief.Client.Jar.SetCookies(srv, []*http.Cookie{{Name: old.Name, Value: old.Value, Path: "/admin/"}})
		if p := thief.Post("/admin/logout", url.Values{"csrf": {csrf}}); p.Status != http.StatusForbidden {
			t.Errorf("replayed cookie and token: POST = %d, want 403", p.Status)
		}
	})
}

func TestSessionsExpire(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")

		idle := e.Browser()
		idle.MustSignIn("mo@example.org")
		e.Clock.Advance(2*time.Hour - time.Second)
		if p := idle.Get("/admin/"); p.Status != http.StatusOK {
			t.Fatalf("after 2h less a second idle: %d, want still signed in", p.Status)
		}
		e.Clock.Advance(2 * time.Hour) // idle since the last request
		if p := idle.Get("/admin/"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location(), "/admin/login") {
			t.Errorf("after 2h idle: %d, want sent to sign in", p.Status)
		}
		if p := idle.Get("/admin/login?ended=1"); !strings.Contains(p.Body, "Your session has ended") {
			t.Error("the sign-in page does not say the session ended")
		}

		busy := e.Browser()
		busy.MustSignIn("mo@example.org")
		for i := 0; i < 7; i++ { // active every hour, for 7 hours
			e.Clock.Advance(time.Hour)
			if p := busy.Get("/admin/"); p.Status != http.StatusOK {
				t.Fatalf("active user signed out after %dh", i+1)
			}
		}
		e.Clock.Advance(time.Hour + time.Second) // 8h since signing in
		if p := busy.Get("/admin/"); p.Status != http.StatusSeeOther {
			t.Errorf("past the session's longest life: %d, want sent to sign in", p.Status)
		}
		// Signing in sweeps away sessions that have ended.
		busy.MustSignIn("mo@example.org")
		n, err := e.Store.DeleteExpiredSessions(context.Background())
		if err != nil || n != 0 {
			t.Errorf("expired sessions left behind after a sign-in: %d, %v", n, err)
		}
	}, func(c *admin.Config) { c.SessionIdle, c.SessionMax = 2*time.Hour, 8*time.Hour })
}

func TestDisabledAccount(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		mo := e.User(admin.RoleModerator, "Mo", "mo@example.org")
		ada, mob := e.Browser(), e.Browser()
		csrf := ada.MustSignIn("ada@example.org")
		mob.MustSignIn("mo@example.org")

		p := ada.Post("/admin/users/"+itoa(mo.ID)+"/disable", url.Values{"csrf": {csrf}})
		if p.Status != http.StatusSeeOther {
			t.Fatalf("disable = %d", p.Status)
		}
		if p := mob.Get("/admin/"); p.Status != http.StatusSeeOther {
			t.Errorf("disabled user still in: %d", p.Status)
		}
		if p := mob.SignIn("mo@example.org", admintest.Password); p.Status != http.StatusUnauthorized {
			t.Errorf("disabled user signing in: %d, want 401", p.Status)
		}
		if p := ada.Get("/admin/users"); !strings.Contains(p.Body, "Disabled") {
			t.Error("the users page does not show Mo as disabled")
		}
		me, _ := e.Store.UserByEmail(context.Background(), "ada@example.org")
		if p := ada.Post("/admin/users/"+itoa(me.ID)+"/disable", url.Values{"csrf": {csrf}}); p.Status != http.StatusConflict {
			t.Errorf("disabling yourself = %d, want 409", p.Status)
		}
		if p := ada.Post("/admin/users/"+itoa(mo.ID)+"/enable", url.Values{"csrf": {csrf}}); p.Status != http.StatusSeeOther {
			t.Fatalf("enable = %d", p.Status)
		}
		if p := mob.SignIn("mo@example.org", admintest.Password); p.Status != http.StatusSeeOther {
			t.Errorf("re-enabled user signing in: %d", p.Status)
		}
	})
}
