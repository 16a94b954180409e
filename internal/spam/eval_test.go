package spam

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestReadJSONL(t *testing.T) {
	in := `{"id":"a/1","label":"spam","author":"X","email":"x@example.com","url":"","content":"Hi\n\nBuy"}

{"id":"b/2","label":"ham","author":"Y","email":"","url":"http://y.example","content":"Hello"}
`
	got, err := ReadJSONL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Spam() || got[1].Spam() || got[1].URL != "http://y.example" || got[0].Content != "Hi\n\nBuy" {
		t.Fatalf("got %+v", got)
	}
	for _, bad := range []string{`{"id":"c","label":"maybe"}`, `{"id":`} {
		if _, err := ReadJSONL(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestDefaultCorpus(t *testing.T) {
	s, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	spam := 0
	for _, x := range s {
		if x.Spam() {
			spam++
		}
	}
	// The counts the corpus README gives.
	if len(s) != 4232 || spam != 1327 {
		t.Errorf("%d samples, %d spam; want 4232, 1327", len(s), spam)
	}
}

func TestMetrics(t *testing.T) {
	var m Metrics
	for range 8 {
		m.add(true, true)
	}
	for range 2 {
		m.add(true, false)
		m.add(false, true)
	}
	for range 88 {
		m.add(false, false)
	}
	m.finish(0)
	want := Metrics{N: 100, TP: 8, FP: 2, TN: 88, FN: 2, Precision: 0.8, Recall: 0.8, F1: 0.8, FPR: 2.0 / 90}
	if math.Abs(m.F1-want.F1) > 1e-12 || math.Abs(m.FPR-want.FPR) > 1e-12 {
		t.Fatalf("got %+v", m)
	}
	m.F1, m.FPR = want.F1, want.FPR
	if m != want {
		t.Errorf("got %+v, want %+v", m, want)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"n", "tp", "fp", "tn", "fn", "precision", "recall", "f1", "fpr", "per_second"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("JSON %s lacks %q", b, k)
		}
	}
	if len(keys) != 10 {
		t.Errorf("JSON %s has extra keys", b)
	}
}

func TestEvaluateCounts(t *testing.T) {
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	var train, test []Labelled
	for i, s := range corpus {
		if i%4 == 0 {
			test = append(test, s)
		} else if i%4 == 1 {
			train = append(train, s)
		}
	}
	m := Train(train)
	got := Evaluate(m, test)
	var want Metrics
	for _, s := range test {
		want.add(s.Spam(), m.Check(s.Comment()).Class.IsSpam())
	}
	if got.N != len(test) || got.TP != want.TP || got.FP != want.FP || got.TN != want.TN || got.FN != want.FN {
		t.Errorf("Evaluate %+v, counted %+v", got, want)
	}
	if got.PerSecond <= 0 || got.F1 <= 0.9 {
		t.Errorf("Evaluate %+v: implausible", got)
	}
}

// TestKFold measures the filter the way the targets are set: 5-fold
// cross-validation on the corpus, spam F1 at least 0.98 with at most
// 0.3 % of ham marked spam.
func TestKFold(t *testing.T) {
	if testing.Short() {
		t.Skip("trains five models")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; run without -race")
	}
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	m := CrossValidate(corpus, 5)
	b, _ := json.Marshal(m)
	t.Logf("5-fold: %s", b)
	if m.N != len(corpus) {
		t.Errorf("evaluated %d of %d samples", m.N, len(corpus))
	}
	if m.F1 < 0.98 {
		t.Errorf("F1 %.4f, want at least 0.98", m.F1)
	}
	if m.FPR > 0.003 {
		t.Errorf("false-positive rate %.4f, want at most 0.003", m.FPR)
	}
}
