package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/filter"
	"masthead/internal/spam"
	"masthead/internal/store/storetest"
)

// A site's own moderation: two comments that read like ordinary ones but
// its moderators call spam (a campaign of polite link-free openers), and
// two ham.
const labelled = `{"id":"s1","label":"spam","author":"Helen Park","email":"helen.park@mailbox.example","url":"","content":"What a thoughtful article about the council budget, thank you for writing it."}
{"id":"s2","label":"spam","author":"Helen Park","email":"helen.park@mailbox.example","url":"","content":"What a thoughtful article about the school reforms, thank you for writing it."}

{"id":"h1","label":"ham","author":"Ann Reader","email":"ann@reader.example","url":"","content":"I disagree with the second point: the figures for 2023 were revised in March."}
{"id":"h2","label":"ham","author":"Bob Lane","email":"bob@lane.example","url":"","content":"Could you link the report the minister cited? I could not find it."}
`

func TestSpamTrainThenEval(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "labelled.jsonl")
			if err := os.WriteFile(data, []byte(labelled), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, stderr := run(t, nil, "spam", "eval", "--data", data, "--db", db.URL)
			before := lastMetrics(t, out)
			if code != 0 || before.N != 4 || before.TP != 0 || before.FN != 2 {
				t.Fatalf("eval before training: exit %d %s, %+v; want both polite spam missed", code, stderr, before)
			}
			code, out, stderr = run(t, nil, "spam", "train", "--data", data, "--db", db.URL)
			if code != 0 || !strings.Contains(out, "learned 4 comments (2 spam, 2 ham)") {
				t.Fatalf("train: exit %d\n%s%s", code, out, stderr)
			}
			// Another process, so another model: the training is in the database.
			code, out, _ = run(t, nil, "spam", "eval", "--data", data, "--db", db.URL)
			after := lastMetrics(t, out)
			if code != 0 || after.N != 4 || after.TP != 2 || after.TN != 2 || after.F1 != 1 || after.FPR != 0 || after.PerSecond <= 0 {
				t.Errorf("eval after training: exit %d, %+v; want all four right", code, after)
			}
			var fields map[string]any
			lines := strings.Split(strings.TrimSpace(out), "\n")
			json.Unmarshal([]byte(lines[len(lines)-1]), &fields)
			for _, k := range []string{"n", "tp", "fp", "tn", "fn", "precision", "recall", "f1", "fpr", "per_second"} {
				if _, ok := fields[k]; !ok {
					t.Errorf("eval's JSON lacks %q: %s", k, lines[len(lines)-1])
				}
			}
			// Training wrote one event a comment; eval wrote none.
			st := storetest.Open(t, db.URL)
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
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o600)
	db := "sqlite:" + filepath.Join(dir, "m.db")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"spam", "train"}, 2},
		{[]string{"spam", "guess", "--data", bad}, 2},
		{[]string{"spam", "train", "--data", bad}, 1},
		{[]string{"spam", "eval", "--data", empty}, 1},
		{[]string{"spam", "eval", "--data", filepath.Join(dir, "missing.jsonl")}, 1},
	} {
		if code, out, stderr := run(t, nil, append(tc.args, "--db", db)...); code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tc.args, code, tc.code, out, stderr)
		}
	}
}

func lastMetrics(t *testing.T, out string) spam.Metrics {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var m spam.Metrics
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &m); err != nil {
		t.Fatalf("last line of %q is not JSON: %v", out, err)
	}
	return m
}
