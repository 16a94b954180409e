package spam

import "testing"

// TestDefaultModel trains the default model once and runs the tests that
// need a trained model on clones of it.
func TestDefaultModel(t *testing.T) {
	base, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Rules", func(t *testing.T) { testRules(t, base.Clone()) })
	t.Run("RulesNeutral", func(t *testing.T) { testRulesNeutral(t, base.Clone()) })
	t.Run("MemoryReasons", func(t *testing.T) { testMemoryReasons(t, base.Clone()) })
	t.Run("NearDuplicate", func(t *testing.T) { testNearDuplicateReason(t, base.Clone()) })
	t.Run("SpamWords", func(t *testing.T) { testSpamReasonsNameWords(t, base.Clone()) })
	t.Run("Campaign", func(t *testing.T) { testCampaign(t, base.Clone(), corpus) })
	t.Run("HamDecision", func(t *testing.T) { testHamDecision(t, base.Clone()) })
	t.Run("LearnKeepsBias", func(t *testing.T) { testLearnKeepsBias(t, base.Clone()) })
	t.Run("Determinism", func(t *testing.T) { testDeterminism(t, base, corpus) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, base.Clone(), corpus) })
	t.Run("HamOnCorpus", func(t *testing.T) {
		// The trained model must not call its own training ham spam
		// beyond a handful of hard cases.
		fp := 0
		for _, s := range corpus {
			if !s.Spam() && base.Check(s.Comment()).Class.IsSpam() {
				fp++
			}
		}
		t.Logf("%d of the training hams marked spam", fp)
		if fp > 3 {
			t.Errorf("%d training hams marked spam", fp)
		}
	})
}

// rng is splitmix64, for reproducible synthetic comments.
type rng struct{ s uint64 }

func (r *rng) intn(n int) int {
	r.s += golden
	return int(mix(r.s) % uint64(n))
}

func (r *rng) pick(xs ...string) string { return xs[r.intn(len(xs))] }
