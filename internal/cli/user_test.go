package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/admin/password"
	"masthead/internal/store"
)

// runUser runs masthead with the given environment and standard input.
func runUser(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	})
	return code, out.String(), errb.String()
}

func TestUserAddAndList(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "m.db")
	env := map[string]string{"MASTHEAD_DB": db, "MASTHEAD_PASSWORD": "a fine long password"}

	code, out, errs := runUser(t, env, "", "user", "add", "--email", "Ada@Example.org", "--name", "Ada Lovelace", "--role", "admin")
	if code != 0 || !strings.Contains(out, "added admin Ada Lovelace <Ada@Example.org>") {
		t.Fatalf("user add = %d\n%s%s", code, out, errs)
	}
	// From standard input, when the variable is not set.
	code, out, errs = runUser(t, map[string]string{"MASTHEAD_DB": db}, "typed on stdin!\n",
		"user", "add", "--email", "mo@example.org", "--name", "Mo", "--role", "moderator")
	if code != 0 || !strings.Contains(errs, "Password for mo@example.org (at least 10 characters): ") {
		t.Fatalf("user add from stdin = %d\n%s%s", code, out, errs)
	}

	code, out, _ = runUser(t, env, "", "user", "list")
	if code != 0 {
		t.Fatalf("user list = %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !regexp.MustCompile(`^ID\s+EMAIL\s+NAME\s+ROLE\s+ADDED\s+STATUS$`).MatchString(lines[0]) ||
		!regexp.MustCompile(`^1\s+Ada@Example.org\s+Ada Lovelace\s+admin\s+\d{4}-\d\d-\d\d\s+active$`).MatchString(lines[1]) ||
		!regexp.MustCompile(`^2\s+mo@example.org\s+Mo\s+moderator\s`).MatchString(lines[2]) {
		t.Errorf("user list:\n%s", out)
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for email, pw := range map[string]string{"ada@example.org": "a fine long password", "mo@example.org": "typed on stdin!"} {
		u, err := st.UserByEmail(context.Background(), email)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Errorf("%s: stored hash %q is not argon2id with the default costs", email, u.PasswordHash)
		}
		if ok, _ := password.Verify(u.PasswordHash, pw); !ok {
			t.Errorf("%s: the stored hash does not match the password given", email)
		}
	}
}

func TestUserAddRefuses(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "m.db")
	env := map[string]string{"MASTHEAD_DB": db, "MASTHEAD_PASSWORD": "a fine long password"}
	if code, _, _ := runUser(t, env, "", "user", "add", "--email", "a@example.org", "--name", "A", "--role", "admin"); code != 0 {
		t.Fatal("first add failed")
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"short password", map[string]string{"MASTHEAD_DB": db, "MASTHEAD_PASSWORD": "too short"},
			[]string{"--email", "b@example.org", "--name", "B", "--role", "editor"}, 1, "at least 10 characters"},
		{"unknown role", env, []string{"--email", "b@example.org", "--name", "B", "--role", "owner"}, 2, "--role: Choose moderator, editor or admin"},
		{"bad email", env, []string{"--email", "nope", "--name", "B", "--role", "editor"}, 2, "--email: Enter an email address"},
		{"no name", env, []string{"--email", "b@example.org", "--role", "editor"}, 2, "--name: Enter the name"},
		{"taken in another case", env, []string{"--email", "A@EXAMPLE.ORG", "--name", "B", "--role", "editor"}, 1, "already exists"},
		{"no password at all", map[string]string{"MASTHEAD_DB": db},
			[]string{"--email", "b@example.org", "--name", "B", "--role", "editor"}, 1, "set MASTHEAD_PASSWORD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runUser(t, tc.env, "", append([]string{"user", "add"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errs, tc.code, tc.want)
			}
		})
	}
	if code, out, _ := runUser(t, env, "", "user", "list"); code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("after refusals, list shows:\n%s", out)
	}
	if code, _, errs := runUser(t, env, "", "user", "remove"); code != 2 || !strings.Contains(errs, "want add or list") {
		t.Errorf("unknown subcommand: exit %d, %q", code, errs)
	}
}
