package admin

import (
	"context"
	"errors"
	"net/mail"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"masthead/internal/admin/password"
	"masthead/internal/store"
)

// MinPassword is the shortest password an account may have, in characters.
const MinPassword = 10

// Account is what it takes to open an account, from the users page or
// `masthead user add`.
type Account struct {
	Email    string
	Name     string
	Role     string // "moderator", "editor" or "admin"
	Password string
}

// AccountErrors says what is wrong with an Account, by field ("email",
// "name", "role", "password"), in words for the person who typed it.
type AccountErrors map[string]string

func (e AccountErrors) Error() string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e[k]
	}
	return strings.Join(parts, "; ")
}

// Check trims the fields and says what is wrong, or nil.
func (acc *Account) Check() AccountErrors {
	errs := AccountErrors{}
	acc.Email, acc.Name = strings.TrimSpace(acc.Email), strings.TrimSpace(acc.Name)
	if addr, err := mail.ParseAddress(acc.Email); err != nil || addr.Name != "" || addr.Address != acc.Email || len(acc.Email) > maxEmail {
		errs["email"] = "Enter an email address such as name@example.org."
	}
	switch n := utf8.RuneCountInString(acc.Name); {
	case !utf8.ValidString(acc.Name) || strings.IndexFunc(acc.Name, unicode.IsControl) >= 0:
		// Control characters would reach terminals through `user list`.
		errs["name"] = "The name contains characters that cannot be shown."
	case n == 0:
		errs["name"] = "Enter the name to show for this person."
	case n > 200:
		errs["name"] = "The name is too long; keep it under 200 characters."
	}
	if _, err := ParseRole(acc.Role); err != nil {
		errs["role"] = "Choose moderator, editor or admin."
	}
	switch {
	case utf8.RuneCountInString(acc.Password) < MinPassword:
		errs["password"] = "The password needs at least 10 characters."
	case len(acc.Password) > maxPassword:
		errs["password"] = "The password is too long."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// CreateUser checks acc, hashes its password with p (zero: the default)
// and stores the account. A bad field or a taken address is AccountErrors.
func CreateUser(ctx context.Context, st *store.Store, acc Account, p password.Params) (*store.User, error) {
	if errs := acc.Check(); errs != nil {
		return nil, errs
	}
	if p == (password.Params{}) {
		p = password.Default()
	}
	hash, err := password.Hash(acc.Password, p)
	if err != nil {
		return nil, err
	}
	u := &store.User{Email: acc.Email, Name: acc.Name, Role: acc.Role, PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, AccountErrors{"email": "An account with this email address already exists."}
		}
		return nil, err
	}
	return u, nil
}
