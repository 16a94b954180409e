package admintest

import (
	"context"
	"net/http"
	"net/url"

	"masthead/internal/admin"
	"masthead/internal/admin/password"
	"masthead/internal/store"
)

// Password is every test account's password.
const Password = "correct horse battery"

// Hashing keeps tests fast: argon2id all the same, at the least cost.
func Hashing() password.Params {
	return password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// User adds an account with Password.
func (e *Env) User(role admin.Role, name, email string) *store.User {
	e.T.Helper()
	acc := admin.Account{Email: email, Name: name, Role: role.String(), Password: Password}
	u, err := admin.CreateUser(context.Background(), e.Store, acc, Hashing())
	if err != nil {
		e.T.Fatal(err)
	}
	return u
}

// AddStaff adds one account of each role, for tests of who may do what:
// Ada (admin), Ed (editor) and Mo (moderator), at ada@, ed@ and
// mo@example.org.
func (e *Env) AddStaff() {
	e.T.Helper()
	e.User(admin.RoleAdmin, "Ada", "ada@example.org")
	e.User(admin.RoleEditor, "Ed", "ed@example.org")
	e.User(admin.RoleModerator, "Mo", "mo@example.org")
}

// SignIn is a new browser signed in as email through the sign-in form,
// holding the session's CSRF token.
func (e *Env) SignIn(email string) *Browser {
	e.T.Helper()
	b := e.Browser()
	b.MustSignIn(email)
	return b
}

// SignInAs adds an account for role (editor@example.org, named "Test
// Editor", and so on) and signs it in: for tests where who acts matters
// only by role.
func (e *Env) SignInAs(role admin.Role) *Browser {
	e.T.Helper()
	email := role.String() + "@example.org"
	e.User(role, "Test "+role.Label(), email)
	return e.SignIn(email)
}

// SignIn signs in through the form, as a person would.
func (b *Browser) SignIn(email, pw string) Page {
	b.env.T.Helper()
	return b.Post("/admin/login", url.Values{"csrf": {b.Token("/admin/login")}, "email": {email}, "password": {pw}})
}

// MustSignIn signs in with Password, or ends the test, and keeps and
// returns the session's CSRF token.
func (b *Browser) MustSignIn(email string) string {
	b.env.T.Helper()
	if p := b.SignIn(email, Password); p.Status != http.StatusSeeOther {
		b.env.T.Fatalf("sign in as %s: status %d\n%s", email, p.Status, p.Body)
	}
	b.CSRF = b.Token("/admin/")
	return b.CSRF
}
