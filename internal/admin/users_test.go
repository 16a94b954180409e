package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/admin/password"
)

func TestAddUser(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		b := e.Browser()
		csrf := b.MustSignIn("ada@example.org")

		form := url.Values{"csrf": {csrf}, "email": {"Nia@Example.org"}, "name": {"Nia Newcomer"}, "role": {"editor"}, "password": {"a long enough secret"}}
		p := b.Post("/admin/users", form)
		if p.Status != http.StatusSeeOther {
			t.Fatalf("add user = %d\n%s", p.Status, p.Body)
		}
		p = b.Get(p.Location())
		if !strings.Contains(p.Body, "Added <strong>Nia Newcomer</strong>") || !strings.Contains(p.Body, `<td class="name">Nia Newcomer</td>`) {
			t.Error("the users page does not show the new user")
		}

		u, err := e.Store.UserByEmail(context.Background(), "nia@example.org")
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
		nia := e.Browser()
		if p := nia.SignIn("nia@example.org", "a long enough secret"); p.Status != http.StatusSeeOther {
			t.Errorf("the new user cannot sign in: %d", p.Status)
		}

		bad := url.Values{"csrf": {csrf}, "email": {"not an address"}, "name": {"  "}, "role": {"owner"}, "password": {"short"}}
		p = b.Post("/admin/users", bad)
		if p.Status != http.StatusUnprocessableEntity {
			t.Errorf("invalid form = %d, want 422", p.Status)
		}
		for _, want := range []string{"Enter an email address", "Enter the name", "Choose moderator, editor or admin", "at least 10 characters",
			`value="not an address"`, `aria-invalid="true"`} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("invalid form page lacks %q", want)
			}
		}
		if strings.Contains(p.Body, `value="short"`) {
			t.Error("the password was sent back into the page")
		}
		dup := url.Values{"csrf": {csrf}, "email": {"NIA@example.org"}, "name": {"Nia Again"}, "role": {"admin"}, "password": {"another long secret"}}
		p = b.Post("/admin/users", dup)
		if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, "already exists") {
			t.Errorf("address taken in another case = %d, want 422 saying it exists", p.Status)
		}
	})
}

func TestEndAnotherSession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		e.User(admin.RoleEditor, "Ed", "ed@example.org")
		ada, ed := e.Browser(), e.Browser()
		csrf := ada.MustSignIn("ada@example.org")
		ed.MustSignIn("ed@example.org")
		p := ada.Get("/admin/users")
		m := regexp.MustCompile(`action="(/admin/sessions/[0-9a-f]{64}/end)"`).FindStringSubmatch(p.Body)
		if m == nil || !strings.Contains(p.Body, "This browser") {
			t.Fatal("the users page does not list the other session with a sign-out button")
		}
		if p := ada.Post(m[1], url.Values{"csrf": {csrf}}); p.Status != http.StatusSeeOther {
			t.Fatalf("end session = %d", p.Status)
		}
		if p := ed.Get("/admin/"); p.Status != http.StatusSeeOther {
			t.Errorf("Ed is still signed in after an admin ended the session: %d", p.Status)
		}
		if p := ada.Get("/admin/"); p.Status != http.StatusOK {
			t.Errorf("Ada was signed out too: %d", p.Status)
		}
	})
}

func TestAccountCheck(t *testing.T) {
	tests := []struct {
		name  string
		acc   admin.Account
		field string // the field with an error; "" for none
	}{
		{"fine", admin.Account{Email: " a@example.org ", Name: " A ", Role: "moderator", Password: "0123456789"}, ""},
		{"ten unicode characters", admin.Account{Email: "a@example.org", Name: "Ä", Role: "admin", Password: "ääääääääää"}, ""},
		{"nine characters", admin.Account{Email: "a@example.org", Name: "A", Role: "admin", Password: "012345678"}, "password"},
		{"display name in address", admin.Account{Email: "A <a@example.org>", Name: "A", Role: "admin", Password: "0123456789"}, "email"},
		{"control character in name", admin.Account{Email: "a@example.org", Name: "A\x1b[31m", Role: "admin", Password: "0123456789"}, "name"},
		{"invalid UTF-8 name", admin.Account{Email: "a@example.org", Name: "A\xff", Role: "admin", Password: "0123456789"}, "name"},
		{"long name", admin.Account{Email: "a@example.org", Name: strings.Repeat("n", 201), Role: "admin", Password: "0123456789"}, "name"},
		{"public is no role", admin.Account{Email: "a@example.org", Name: "A", Role: "public", Password: "0123456789"}, "role"},
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
	acc := admin.Account{Email: " a@example.org ", Name: " A ", Role: "moderator", Password: "0123456789"}
	acc.Check()
	if acc.Email != "a@example.org" || acc.Name != "A" {
		t.Errorf("Check did not trim: %+v", acc)
	}
}
