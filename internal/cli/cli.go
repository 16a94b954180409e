// Package cli holds masthead's subcommands. It wires every dependency
// explicitly: config, store, and the packages that do the work.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"masthead/internal/config"
	"masthead/internal/store"
)

// Env is the process's outside world, swapped in tests.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// command is one subcommand.
type command struct {
	summary string
	usage   string // arguments after the command name
	help    string // what an operator needs to know
	flags   func(fs *flag.FlagSet, cfg *config.Config, env Env) any
	run     func(ctx context.Context, c *call) error
}

// call is one run of a command: its parsed flags and arguments.
type call struct {
	cfg    config.Config
	opts   any // the command's own flag values, from flags()
	args   []string
	env    Env
	stdout io.Writer
	// learner is the running spam filter, when serve has one.
	learner commentLearner
}

// errUsage asks Run to print the command's usage after the message.
var errUsage = errors.New("usage")

func commands() map[string]*command {
	return map[string]*command{
		"serve":    serveCommand(),
		"demo":     demoCommand(),
		"migrate":  migrateCommand(),
		"import":   importCommand(),
		"comment":  commentCommand(),
		"settings": settingsCommand(),
		"source":   sourceCommand(),
		"inbox":    inboxCommand(),
		"user":     userCommand(),
		"apikey":   apikeyCommand(),
		"spam":     spamCommand(),
	}
}

// Run runs the command line and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		topUsage(env.Stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "masthead: unknown command %q\n\n", args[0])
		topUsage(env.Stderr, cmds)
		return 2
	}
	name := args[0]
	fs := flag.NewFlagSet("masthead "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := &call{env: env, stdout: env.Stdout}
	c.cfg.Common(fs, env.Getenv)
	if cmd.flags != nil {
		c.opts = cmd.flags(fs, &c.cfg, env)
	}
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: masthead %s [flags] %s\n\n%s\n\nFlags:\n", name, cmd.usage, strings.TrimSpace(cmd.help))
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		usage(env.Stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "masthead %s: %v\n", name, err)
		usage(env.Stderr)
		return 2
	}
	c.args = rest
	if err := c.cfg.Check(); err != nil {
		fmt.Fprintf(env.Stderr, "masthead %s: %v\n", name, err)
		return 2
	}
	if err := cmd.run(ctx, c); err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprintf(env.Stderr, "masthead %s: %v\n", name, err)
			usage(env.Stderr)
			return 2
		}
		fmt.Fprintf(env.Stderr, "masthead %s: %s\n", name, oneLine(err.Error()))
		return 1
	}
	return 0
}

// parseInterspersed lets flags come before and after positional arguments,
// as operators type them: "import feed x.atom --db …".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func topUsage(w io.Writer, cmds map[string]*command) {
	fmt.Fprint(w, `masthead runs a news site that republishes Creative Commons journalism
with its licence intact, and a comment section with its own spam filter.

Usage: masthead COMMAND [flags] [arguments]

Commands:
`)
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, "\nRun 'masthead COMMAND --help' for a command's flags.\n")
}

// openStore opens the configured database; migrate also applies pending
// migrations, as serve does at start.
func (c *call) openStore(ctx context.Context, migrate bool) (*store.Store, error) {
	st, err := store.Open(ctx, c.cfg.DB)
	if err != nil {
		return nil, err
	}
	if migrate {
		if _, err := st.Migrate(ctx); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}

// oneLine folds a multi-line driver error into the one line an operator's
// log expects, dropping repeated parts (pgx lists each address it tried).
func oneLine(msg string) string {
	var parts []string
	seen := map[string]bool{}
	for _, p := range strings.Split(msg, "\n") {
		p = strings.TrimSpace(p)
		if p != "" && !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}
