package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"unicode"

	"masthead/internal/admin"
	"masthead/internal/admin/password"
	"masthead/internal/config"
)

type userOptions struct {
	email, name, role string
}

func userCommand() *command {
	return &command{
		summary: "add or list back-office accounts",
		usage:   "add --email EMAIL --name NAME --role moderator|editor|admin | list",
		help: `Manages who may sign in at /admin/.

  masthead user add --email ada@example.org --name "Ada L." --role admin
  masthead user list

Roles: moderators moderate comments; editors also run sources, the inbox
and articles; admins also manage users, API keys and settings.

The password (at least 10 characters) is read from MASTHEAD_PASSWORD, or
asked for on the terminal (twice, without echo). It is stored only as an
argon2id hash.`,
		flags: func(fs *flag.FlagSet, cfg *config.Config, env Env) any {
			o := &userOptions{}
			fs.StringVar(&o.email, "email", "", "the account's email address, used to sign in (add)")
			fs.StringVar(&o.name, "name", "", "the name shown in the back office (add)")
			fs.StringVar(&o.role, "role", "", "moderator, editor or admin (add)")
			return o
		},
		run: func(ctx context.Context, c *call) error {
			if len(c.args) != 1 {
				return fmt.Errorf("%w: want add or list", errUsage)
			}
			switch c.args[0] {
			case "add":
				return userAdd(ctx, c, c.opts.(*userOptions))
			case "list":
				return userList(ctx, c)
			}
			return fmt.Errorf("%w: unknown user command %q; want add or list", errUsage, c.args[0])
		},
	}
}

func userAdd(ctx context.Context, c *call, o *userOptions) error {
	acc := admin.Account{Email: o.email, Name: o.name, Role: o.role}
	// Report bad flags before asking for a password.
	if errs := acc.Check(); errs != nil {
		delete(errs, "password")
		if len(errs) > 0 {
			return fmt.Errorf("%w: %s", errUsage, flagErrors(errs))
		}
	}
	pw, err := readPassword(c, acc.Email)
	if err != nil {
		return err
	}
	acc.Password = pw
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := admin.CreateUser(ctx, st, acc, password.Default())
	var errs admin.AccountErrors
	if errors.As(err, &errs) {
		return errors.New(flagErrors(errs))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "added %s %s <%s> (id %d); they can sign in at /admin/login\n", u.Role, u.Name, u.Email, u.ID)
	return nil
}

// readPassword takes MASTHEAD_PASSWORD, or asks on the terminal: twice
// there, since nobody sees what they typed.
func readPassword(c *call, email string) (string, error) {
	if pw := c.env.Getenv("MASTHEAD_PASSWORD"); pw != "" {
		return pw, nil
	}
	if c.env.Stdin == nil {
		return "", errors.New("no password: set MASTHEAD_PASSWORD")
	}
	pw, err := password.Read(c.env.Stdin, c.env.Stderr, fmt.Sprintf("Password for %s (at least %d characters): ", email, admin.MinPassword))
	if err != nil {
		return "", fmt.Errorf("read password: %w (or set MASTHEAD_PASSWORD)", err)
	}
	if password.Interactive(c.env.Stdin) {
		again, err := password.Read(c.env.Stdin, c.env.Stderr, "Again, to be sure: ")
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if again != pw {
			return "", errors.New("the two passwords differ; nothing was added")
		}
	}
	return pw, nil
}

// flagErrors names the flag each problem is about.
func flagErrors(errs admin.AccountErrors) string {
	var parts []string
	for _, f := range []string{"email", "name", "role", "password"} {
		if msg, ok := errs[f]; ok {
			if f == "password" {
				parts = append(parts, "password: "+msg)
			} else {
				parts = append(parts, "--"+f+": "+msg)
			}
		}
	}
	return strings.Join(parts, "; ")
}

func userList(ctx context.Context, c *call) error {
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(c.stdout, "no accounts yet; add one with: masthead user add --email EMAIL --name NAME --role admin")
		return nil
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tEMAIL\tNAME\tROLE\tADDED\tSTATUS")
	for _, u := range users {
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, printable(u.Email), printable(u.Name), u.Role,
			u.Created.Format("2006-01-02"), status)
	}
	return w.Flush()
}

// printable keeps control characters in stored text from acting on the
// operator's terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
