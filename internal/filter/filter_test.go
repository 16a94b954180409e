package filter_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"masthead/internal/filter"
	"masthead/internal/filter/filtertest"
	"masthead/internal/spam"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

var pitch = spam.Comment{Author: "Cheap Pills", Email: "pills@spam.example", Content: "Buy cheap pills now"}

// eachShared runs fn per dialect with two stores on one database, as two
// instances of masthead would have.
func eachShared(t *testing.T, fn func(t *testing.T, a, b *store.Store)) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			fn(t, storetest.Open(t, db.URL), storetest.Open(t, db.URL))
		})
	}
}

func TestLearnIsSeenAtOnceHereAndAfterTheTailThere(t *testing.T) {
	eachShared(t, func(t *testing.T, sa, sb *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ma, mb := filtertest.NewModel(), filtertest.NewModel()
		a, b := filter.New(ma, sa, nil), filter.New(mb, sb, nil)
		var watchers sync.WaitGroup
		for _, f := range []*filter.Filter{a, b} {
			// Each sees its own events through Learn and through its tail;
			// it must apply them once.
			watchers.Go(func() { f.Watch(ctx) })
		}

		if got := a.Check(pitch).Class; got != spam.ClassHam {
			t.Fatalf("before learning: %s, want ham", got)
		}
		if err := a.Learn(ctx, pitch, filter.Spam, filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		if got := a.Check(pitch).Class; !got.IsSpam() {
			t.Errorf("right after Learn, the same instance says %s", got)
		}
		waitFor(t, "the second instance to learn from the first", func() bool { return b.Check(pitch).Class.IsSpam() })

		// A moderator on the second instance rescues a similar comment.
		kind := spam.Comment{Author: "Ann", Content: "cheap flights are pills to swallow now"}
		for range 2 {
			if err := b.Learn(ctx, kind, filter.Ham, filter.SourceModeration); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, "the first instance to apply all three events", func() bool { return a.Applied() == b.Applied() })
		time.Sleep(2 * filter.PollInterval) // more rounds of both tails must not apply anything twice
		cancel()
		watchers.Wait()
		if ma.Learned != 3 || mb.Learned != 3 {
			t.Errorf("models learned %d and %d times, want 3 each", ma.Learned, mb.Learned)
		}
		if a.Check(kind).Class != spam.ClassHam || b.Check(kind).Class != spam.ClassHam {
			t.Error("after two ham labels the rescued comment is not ham on both")
		}
	})
}

func TestLoadReplaysTheLogAfterARestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first := filter.New(filtertest.NewModel(), s, nil)
		for _, l := range []filter.Label{filter.Spam, filter.Spam} {
			if err := first.Learn(ctx, pitch, l, filter.SourceAkismet); err != nil {
				t.Fatal(err)
			}
		}
		restarted := filter.New(filtertest.NewModel(), s, nil)
		if got := restarted.Check(pitch).Class; got != spam.ClassHam {
			t.Fatalf("before Load the fresh model says %s, want ham", got)
		}
		n, err := restarted.Load(ctx)
		if err != nil || n != 2 {
			t.Fatalf("Load = %d, %v; want 2 events", n, err)
		}
		if got := restarted.Check(pitch).Class; !got.IsSpam() {
			t.Errorf("after Load: %s, want spam", got)
		}
		if n, _ := restarted.Load(ctx); n != 0 {
			t.Errorf("a second Load applied %d events again", n)
		}
	})
}

func TestLearnRejectsOtherLabels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := filter.New(filtertest.NewModel(), s, nil)
		if err := f.Learn(context.Background(), pitch, filter.Label("discard"), filter.SourceModeration); err == nil {
			t.Error("label discard was accepted")
		}
		if evs, _ := s.SpamEventsAfter(context.Background(), 0, 10); len(evs) != 0 {
			t.Errorf("a rejected label left %d events", len(evs))
		}
	})
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLearnAllRecordsInOrderAndApplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m := filtertest.NewModel()
		f := filter.New(m, s, nil)
		ham := spam.Comment{Content: "lovely weather for the match"}
		err := f.LearnAll(ctx, []filter.Example{
			{Comment: pitch, Label: filter.Spam},
			{Comment: ham, Label: filter.Ham},
			{Comment: pitch, Label: filter.Spam},
		}, filter.SourceTraining)
		if err != nil {
			t.Fatal(err)
		}
		if m.Learned != 3 || !f.Check(pitch).Class.IsSpam() || f.Check(ham).Class != spam.ClassHam {
			t.Errorf("after LearnAll: learned %d, pitch %s, ham %s", m.Learned, f.Check(pitch).Class, f.Check(ham).Class)
		}
		evs, _ := s.SpamEventsAfter(ctx, 0, 10)
		if len(evs) != 3 || evs[1].Label != "ham" || evs[0].Source != filter.SourceTraining {
			t.Errorf("log = %+v", evs)
		}
		if err := f.LearnAll(ctx, []filter.Example{{Comment: ham, Label: filter.Ham}, {Comment: ham, Label: "unsure"}}, filter.SourceTraining); err == nil {
			t.Error("a batch with label unsure was accepted")
		}
		if evs, _ := s.SpamEventsAfter(ctx, 0, 10); len(evs) != 3 {
			t.Errorf("a rejected batch left %d events, want 3", len(evs))
		}
	})
}
