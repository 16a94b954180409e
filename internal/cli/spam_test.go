package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/filter"
	"masthead/internal/filter/filtertest"
	"masthead/internal/store/storetest"
)

const labelled = `{"id":"s1","label":"spam","author":"Pill Shop","email":"sales@pills.example","url":"","content":"cheap pills online"}
{"id":"s2","label":"spam","author":"Casino","email":"win@casino.example","url":"","content":"win big at the casino"}
{"id":"h1","label":"ham","author":"Ann","email":"ann@reader.example","url":"","content":"a thoughtful article on the election"}

{"id":"h2","label":"ham","author":"Bob","email":"bob@reader.example","url":"","content":"thanks for the clear explanation"}
`

func TestSpamTrainThenEval(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "labelled.jsonl")
			if err := os.WriteFile(data, []byte(labelled), 0o600); err != nil {
				t.Fatal(err)
			}
			// Before training, the fresh test model calls everything ham.
			_, out := runSpamCmd(t, "eval", "--data", data, "--db", db.URL)
			if r := lastJSON(t, out); r.N != 4 || r.TP != 0 || r.TN != 2 || r.FN != 2 {
				t.Errorf("eval before training: %+v", r)
			}
			code, out := runSpamCmd(t, "train", "--data", data, "--db", db.URL)
			if code != 0 || !strings.Contains(out, "learned 4 comments (2 spam, 2 ham)") {
				t.Fatalf("train: exit %d\n%s", code, out)
			}
			// A new process (a new model) finds the training in the database.
			code, out = runSpamCmd(t, "eval", "--data", data, "--db", db.URL)
			r := lastJSON(t, out)
			if code != 0 || r.N != 4 || r.TP != 2 || r.TN != 2 || r.FP != 0 || r.FN != 0 ||
				r.Precision != 1 || r.Recall != 1 || r.F1 != 1 || r.FPR != 0 || r.PerSecond <= 0 {
				t.Errorf("eval after training: exit %d, %+v", code, r)
			}
			st := storetest.Open(t, db.URL)
			// Training wrote one event a comment; eval wrote none.
			if evs, _ := st.SpamEventsAfter(context.Background(), 0, 100); len(evs) != 4 || evs[0].Source != filter.SourceTraining {
				t.Errorf("learning log after train and evals: %d events", len(evs))
			}
		})
	}
}

func TestSpamBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"label":"maybe","content":"x"}`+"\n"), 0o600)
	db := "sqlite:" + filepath.Join(dir, "m.db")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"train"}, 2},
		{[]string{"guess", "--data", bad}, 2},
		{[]string{"train", "--data", bad}, 1},
		{[]string{"eval", "--data", filepath.Join(dir, "missing.jsonl")}, 1},
	} {
		if code, out := runSpamCmd(t, append(tc.args, "--db", db)...); code != tc.code {
			t.Errorf("spam %v: exit %d, want %d\n%s", tc.args, code, tc.code, out)
		}
	}
	// Without a model the command says so instead of pretending.
	cmd := spamCommand(func() (filter.Model, error) { return nil, errors.New("no model") })
	if code, _ := runCommand(t, cmd, "eval", "--data", bad, "--db", db); code != 1 {
		t.Errorf("without a model: exit %d, want 1", code)
	}
}

// runSpamCmd runs 'masthead spam …' with the test model in place of the
// default one, and returns the exit status and all output.
func runSpamCmd(t *testing.T, args ...string) (int, string) {
	t.Helper()
	return runCommand(t, spamCommand(func() (filter.Model, error) { return filtertest.NewModel(), nil }), args...)
}

// runCommand runs one command as Run does, for commands built with test
// dependencies.
func runCommand(t *testing.T, cmd *command, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	fs := flag.NewFlagSet("masthead test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := &call{env: env, stdout: &out}
	c.cfg.Common(fs, env.Getenv)
	c.opts = cmd.flags(fs, &c.cfg, env)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2, err.Error()
	}
	c.args = rest
	if err := cmd.run(context.Background(), c); err != nil {
		if errors.Is(err, errUsage) {
			return 2, out.String() + err.Error()
		}
		return 1, out.String() + err.Error()
	}
	return 0, out.String()
}

func lastJSON(t *testing.T, out string) evalResult {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var r evalResult
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("last line of %q is not JSON: %v", out, err)
	}
	return r
}
