package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/httpx"
)

func TestSignIn(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleEditor, "Erin Editor", "erin@example.org")
		b := e.browser()

		p := b.get("/admin/login")
		for _, want := range []string{`<label for="email">Email</label>`, `<label for="password">Password</label>`,
			`autocomplete="current-password"`, `Skip to content`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("sign-in page lacks %s", want)
			}
		}
		p = b.signIn("erin@example.org", "wrong password!")
		if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "do not match an account") {
			t.Errorf("wrong password: %d, want 401 saying so", p.status)
		}
		if !strings.Contains(p.body, `value="erin@example.org"`) || strings.Contains(p.body, "wrong password!") {
			t.Error("after a failure the form should keep the email and drop the password")
		}
		p = b.signIn("nobody@example.org", testPassword)
		if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "do not match an account") {
			t.Errorf("unknown account: %d, want the same 401 as a wrong password", p.status)
		}

		p = b.signIn("ERIN@example.org", testPassword)
		if p.status != http.StatusSeeOther || p.location() != "/admin/" {
			t.Fatalf("sign in = %d to %q, want 303 to /admin/", p.status, p.location())
		}
		var sc *http.Cookie
		for _, c := range (&http.Response{Header: p.header}).Cookies() {
			if c.Name == sessionCookie {
				sc = c
			}
		}
		if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Path != "/admin/" || sc.Secure {
			t.Errorf("session cookie = %+v; want HttpOnly, SameSite=Lax, Path=/admin/, not Secure over plain HTTP", sc)
		}
		p = b.get("/admin/")
		if p.status != http.StatusOK || !strings.Contains(p.body, "Signed in as <strong class=\"user-name\">Erin Editor</strong>") {
			t.Errorf("dashboard = %d, want it to greet Erin Editor", p.status)
		}
		if p := b.get("/admin/login"); p.status != http.StatusSeeOther || p.location() != "/admin/" {
			t.Errorf("sign-in page when signed in = %d to %q, want the dashboard", p.status, p.location())
		}

		// The stored session is the token's hash, never the token.
		ctx := context.Background()
		if _, _, err := e.st.SessionUser(ctx, sc.Value); err == nil {
			t.Error("the cookie's token is stored as a session id")
		}
		id, _ := sessionID(sc.Value)
		if ss, _, err := e.st.SessionUser(ctx, id); err != nil || ss.IP != "127.0.0.1" || ss.UserAgent == "" {
			t.Errorf("stored session = %+v, %v", ss, err)
		}
	})
}

func TestSignInReturnsWhereYouWere(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Ada", "ada@example.org")
		b := e.browser()
		p := b.get("/admin/users?x=1")
		if p.status != http.StatusSeeOther || p.location() != "/admin/login?next=%2Fadmin%2Fusers%3Fx%3D1" {
			t.Fatalf("anonymous GET /admin/users = %d to %q", p.status, p.location())
		}
		tok := b.token(p.location())
		p = b.post("/admin/login", url.Values{"csrf": {tok}, "email": {"ada@example.org"}, "password": {testPassword}, "next": {"/admin/users?x=1"}})
		if p.location() != "/admin/users?x=1" {
			t.Errorf("after sign-in went to %q, want /admin/users?x=1", p.location())
		}
		for _, next := range []string{"//evil.example/admin/", "https://evil.example/admin/", "/admin/\\evil", "/public", "/admin/logout"} {
			if got := safeNext(next); got != "/admin/" {
				t.Errorf("safeNext(%q) = %q, want /admin/", next, got)
			}
		}
	})
}

func TestSecureCookieBehindTrustedProxy(t *testing.T) {
	proxies, _ := httpx.ParseProxies([]string{"127.0.0.1"})
	each(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Ada", "ada@example.org")
		b := e.browser()
		b.header.Set("X-Forwarded-Proto", "https")
		p := b.signIn("ada@example.org", testPassword)
		if p.status != http.StatusSeeOther || !strings.Contains(strings.Join(p.header.Values("Set-Cookie"), "\n"), sessionCookie+"=") {
			t.Fatalf("sign in = %d", p.status)
		}
		for _, c := range (&http.Response{Header: p.header}).Cookies() {
			if !c.Secure {
				t.Errorf("cookie %s not Secure though the proxy says HTTPS", c.Name)
			}
		}
	}, func(c *Config) { c.Proxies = proxies })
}

func TestSignOutEndsTheSession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleModerator, "Mo", "mo@example.org")
		b := e.browser()
		csrf := b.mustSignIn("mo@example.org")
		old := *b.cookie(sessionCookie)

		p := b.post("/admin/logout", url.Values{"csrf": {csrf}})
		if p.status != http.StatusSeeOther || p.location() != "/admin/login?signed-out=1" {
			t.Fatalf("sign out = %d to %q", p.status, p.location())
		}
		if b.cookie(sessionCookie) != nil {
			t.Error("the session cookie was not cleared")
		}
		if p := b.get(p.location()); !strings.Contains(p.body, "You have signed out.") {
			t.Error("the sign-in page does not say you signed out")
		}

		// Someone who copied the cookie before sign-out gets nothing.
		thief := e.browser()
		srv, _ := url.Parse(e.srv.URL + "/admin/")
		thief.client.Jar.SetCookies(srv, []*http.Cookie{{Name: old.Name, Value: old.Value, Path: "/admin/"}})
		p = thief.get("/admin/")
		if p.status != http.StatusSeeOther || p.location() != "/admin/login?ended=1" {
			t.Errorf("replayed cookie: GET /admin/ = %d to %q, want the sign-in page", p.status, p.location())
		}
		thief.client.Jar.SetCookies(srv, []*http.Cookie{{Name: old.Name, Value: old.Value, Path: "/admin/"}})
		if p := thief.post("/admin/logout", url.Values{"csrf": {csrf}}); p.status != http.StatusForbidden {
			t.Errorf("replayed cookie and token: POST = %d, want 403", p.status)
		}
	})
}

func TestSessionsExpire(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleModerator, "Mo", "mo@example.org")

		idle := e.browser()
		idle.mustSignIn("mo@example.org")
		e.clock.Advance(2*time.Hour - time.Second)
		if p := idle.get("/admin/"); p.status != http.StatusOK {
			t.Fatalf("after 2h less a second idle: %d, want still signed in", p.status)
		}
		e.clock.Advance(2 * time.Hour) // idle since the last request
		if p := idle.get("/admin/"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.location(), "/admin/login") {
			t.Errorf("after 2h idle: %d, want sent to sign in", p.status)
		}
		if p := idle.get("/admin/login?ended=1"); !strings.Contains(p.body, "Your session has ended") {
			t.Error("the sign-in page does not say the session ended")
		}

		busy := e.browser()
		busy.mustSignIn("mo@example.org")
		for i := 0; i < 7; i++ { // active every hour, for 7 hours
			e.clock.Advance(time.Hour)
			if p := busy.get("/admin/"); p.status != http.StatusOK {
				t.Fatalf("active user signed out after %dh", i+1)
			}
		}
		e.clock.Advance(time.Hour + time.Second) // 8h since signing in
		if p := busy.get("/admin/"); p.status != http.StatusSeeOther {
			t.Errorf("past the session's longest life: %d, want sent to sign in", p.status)
		}
		// Signing in sweeps away sessions that have ended.
		busy.mustSignIn("mo@example.org")
		n, err := e.st.DeleteExpiredSessions(context.Background())
		if err != nil || n != 0 {
			t.Errorf("expired sessions left behind after a sign-in: %d, %v", n, err)
		}
	}, func(c *Config) { c.SessionIdle, c.SessionMax = 2*time.Hour, 8*time.Hour })
}

func TestDisabledAccount(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Ada", "ada@example.org")
		mo := e.user(RoleModerator, "Mo", "mo@example.org")
		ada, mob := e.browser(), e.browser()
		csrf := ada.mustSignIn("ada@example.org")
		mob.mustSignIn("mo@example.org")

		p := ada.post("/admin/users/"+itoa(mo.ID)+"/disable", url.Values{"csrf": {csrf}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("disable = %d", p.status)
		}
		if p := mob.get("/admin/"); p.status != http.StatusSeeOther {
			t.Errorf("disabled user still in: %d", p.status)
		}
		if p := mob.signIn("mo@example.org", testPassword); p.status != http.StatusUnauthorized {
			t.Errorf("disabled user signing in: %d, want 401", p.status)
		}
		if p := ada.get("/admin/users"); !strings.Contains(p.body, "Disabled") {
			t.Error("the users page does not show Mo as disabled")
		}
		me, _ := e.st.UserByEmail(context.Background(), "ada@example.org")
		if p := ada.post("/admin/users/"+itoa(me.ID)+"/disable", url.Values{"csrf": {csrf}}); p.status != http.StatusConflict {
			t.Errorf("disabling yourself = %d, want 409", p.status)
		}
		if p := ada.post("/admin/users/"+itoa(mo.ID)+"/enable", url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
			t.Fatalf("enable = %d", p.status)
		}
		if p := mob.signIn("mo@example.org", testPassword); p.status != http.StatusSeeOther {
			t.Errorf("re-enabled user signing in: %d", p.status)
		}
	})
}
