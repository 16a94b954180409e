package admin

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/admin/password"
)

func TestAddUser(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Ada", "ada@example.org")
		b := e.browser()
		csrf := b.mustSignIn("ada@example.org")

		form := url.Values{"csrf": {csrf}, "email": {"Nia@Example.org"}, "name": {"Nia Newcomer"}, "role": {"editor"}, "password": {"a long enough secret"}}
		p := b.post("/admin/users", form)
		if p.status != http.StatusSeeOther {
			t.Fatalf("add user = %d\n%s", p.status, p.body)
		}
		p = b.get(p.location())
		if !strings.Contains(p.body, "Added <strong>Nia Newcomer</strong>") || !strings.Contains(p.body, `<td class="name">Nia Newcomer</td>`) {
			t.Error("the users page does not show the new user")
		}

		u, err := e.st.UserByEmail(context.Background(), "nia@example.org")
		if err != nil {
			t.Fatal(err)
		}
		phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
		if !phc.MatchString(u.PasswordHash) || strings.Contains(u.PasswordHash, "a long enough secret") {
			t.Errorf("stored hash %q is not an argon2id PHC string with the configured costs", u.PasswordHash)
		}
		if ok, err := password.Verify(u.PasswordHash, "a long enough secret"); !ok || err != nil {
			t.Errorf("stored hash does not verify the password: %v %v", ok, err)
		}
		nia := e.browser()
		if p := nia.signIn("nia@example.org", "a long enough secret"); p.status != http.StatusSeeOther {
			t.Errorf("the new user cannot sign in: %d", p.status)
		}

		bad := url.Values{"csrf": {csrf}, "email": {"not an address"}, "name": {"  "}, "role": {"owner"}, "password": {"short"}}
		p = b.post("/admin/users", bad)
		if p.status != http.StatusUnprocessableEntity {
			t.Errorf("invalid form = %d, want 422", p.status)
		}
		for _, want := range []string{"Enter an email address", "Enter the name", "Choose moderator, editor or admin", "at least 10 characters",
			`value="not an address"`, `aria-invalid="true"`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("invalid form page lacks %q", want)
			}
		}
		if strings.Contains(p.body, `value="short"`) {
			t.Error("the password was sent back into the page")
		}
		dup := url.Values{"csrf": {csrf}, "email": {"NIA@example.org"}, "name": {"Nia Again"}, "role": {"admin"}, "password": {"another long secret"}}
		p = b.post("/admin/users", dup)
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "already exists") {
			t.Errorf("address taken in another case = %d, want 422 saying it exists", p.status)
		}
	})
}

func TestEndAnotherSession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Ada", "ada@example.org")
		e.user(RoleEditor, "Ed", "ed@example.org")
		ada, ed := e.browser(), e.browser()
		csrf := ada.mustSignIn("ada@example.org")
		ed.mustSignIn("ed@example.org")
		p := ada.get("/admin/users")
		m := regexp.MustCompile(`action="(/admin/sessions/[0-9a-f]{64}/end)"`).FindStringSubmatch(p.body)
		if m == nil || !strings.Contains(p.body, "This browser") {
			t.Fatal("the users page does not list the other session with a sign-out button")
		}
		if p := ada.post(m[1], url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
			t.Fatalf("end session = %d", p.status)
		}
		if p := ed.get("/admin/"); p.status != http.StatusSeeOther {
			t.Errorf("Ed is still signed in after an admin ended the session: %d", p.status)
		}
		if p := ada.get("/admin/"); p.status != http.StatusOK {
			t.Errorf("Ada was signed out too: %d", p.status)
		}
	})
}

func TestAccountCheck(t *testing.T) {
	tests := []struct {
		name  string
		acc   Account
		field string // the field with an error; "" for none
	}{
		{"fine", Account{Email: " a@example.org ", Name: " A ", Role: "moderator", Password: "0123456789"}, ""},
		{"ten unicode characters", Account{Email: "a@example.org", Name: "Ä", Role: "admin", Password: "ääääääääää"}, ""},
		{"nine characters", Account{Email: "a@example.org", Name: "A", Role: "admin", Password: "012345678"}, "password"},
		{"display name in address", Account{Email: "A <a@example.org>", Name: "A", Role: "admin", Password: "0123456789"}, "email"},
		{"control character in name", Account{Email: "a@example.org", Name: "A\x1b[31m", Role: "admin", Password: "0123456789"}, "name"},
		{"invalid UTF-8 name", Account{Email: "a@example.org", Name: "A\xff", Role: "admin", Password: "0123456789"}, "name"},
		{"long name", Account{Email: "a@example.org", Name: strings.Repeat("n", 201), Role: "admin", Password: "0123456789"}, "name"},
		{"public is no role", Account{Email: "a@example.org", Name: "A", Role: "public", Password: "0123456789"}, "role"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := tc.acc.Check()
			switch {
			case tc.field == "" && errs != nil:
				t.Errorf("Check = %v, want no error", errs)
			case tc.field != "" && (len(errs) != 1 || errs[tc.field] == ""):
				t.Errorf("Check = %v, want an error on %s only", errs, tc.field)
			}
		})
	}
	acc := Account{Email: " a@example.org ", Name: " A ", Role: "moderator", Password: "0123456789"}
	acc.Check()
	if acc.Email != "a@example.org" || acc.Name != "A" {
		t.Errorf("Check did not trim: %+v", acc)
	}
}
