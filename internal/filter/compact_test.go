package filter_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"masthead/internal/filter"
	"masthead/internal/spam"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

var (
	defaultOnce  sync.Once
	defaultModel *spam.Model
	defaultErr   error
)

// fresh returns a copy of the default model, trained once per test run.
func fresh(t *testing.T) *spam.Model {
	t.Helper()
	defaultOnce.Do(func() { defaultModel, defaultErr = spam.NewDefault() })
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultModel.Clone()
}

// examples makes n labelled comments: a campaign linking to one domain,
// and readers' comments.
func examples(from, n int) []filter.Example {
	var out []filter.Example
	for i := from; i < from+n; i++ {
		if i%3 == 2 {
			out = append(out, filter.Example{Comment: spam.Comment{
				Author: fmt.Sprintf("Reader %d", i), Email: fmt.Sprintf("reader%d@example.org", i%7),
				Content: fmt.Sprintf("I disagree with point %d of the article: the council voted before the report came out.", i),
				IP:      fmt.Sprintf("198.51.100.%d", i%250),
			}, Label: filter.Ham})
			continue
		}
		out = append(out, filter.Example{Comment: spam.Comment{
			Author: fmt.Sprintf("Best Deals %d", i), Email: fmt.Sprintf("deals%d@promo.example", i%5),
			Content: fmt.Sprintf("Great post %d! Have a look at http://cheap-watches.example/offer-%d for the best replica watches, cheers", i, i),
			IP:      fmt.Sprintf("203.0.113.%d", i%9),
		}, Label: filter.Spam})
	}
	return out
}

var probes = []spam.Comment{
	{Author: "Deals", Email: "deals1@promo.example", Content: "Nice! See http://cheap-watches.example/offer-999 for replica watches", IP: "203.0.113.3"},
	{Author: "Reader", Email: "reader3@example.org", Content: "The council voted before the report came out, which I disagree with.", IP: "198.51.100.9"},
	{Author: "New", Email: "new@example.net", Content: "A fine article about the harbour, thank you."},
	pitch,
}

func sameVerdicts(t *testing.T, what string, a, b *filter.Filter) {
	t.Helper()
	for _, c := range probes {
		if va, vb := a.Check(c), b.Check(c); !reflect.DeepEqual(va, vb) {
			t.Errorf("%s: verdicts differ on %q:\n%+v\n%+v", what, c.Content, va, vb)
		}
	}
}

func countEvents(t *testing.T, s *store.Store) int {
	t.Helper()
	evs, err := s.SpamEventsAfter(context.Background(), 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

func TestCompactAndLoadFromTheSnapshot(t *testing.T) {
	eachShared(t, func(t *testing.T, sa, sb *store.Store) {
		ctx := context.Background()
		a := filter.New(fresh(t), sa, nil)
		// lagging loads early and only catches up after the compaction.
		lagging := filter.New(fresh(t), sb, nil)
		if _, err := lagging.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if err := a.LearnAll(ctx, examples(0, 60), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		before := countEvents(t, sa)
		if err := a.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		if n := countEvents(t, sa); before != 60 || n != 0 {
			t.Errorf("events before and after Compact: %d, %d; want 60, 0", before, n)
		}

		// A fresh instance loads the snapshot, applying no event.
		b := filter.New(fresh(t), sb, nil)
		if n, err := b.Load(ctx); err != nil || n != 0 || b.Applied() != a.Applied() {
			t.Fatalf("Load = %d, %v, applied %d; want 0 events, applied %d", n, err, b.Applied(), a.Applied())
		}
		sameVerdicts(t, "loaded from the snapshot", a, b)
		changed := false
		for _, c := range probes {
			if a.Check(c).Score != fresh(t).Check(c).Score {
				changed = true
			}
		}
		if !changed {
			t.Fatal("learning changed no verdict; the comparison proves little")
		}

		// More events on top: a later start loads the snapshot and replays
		// only those; both learn on identically.
		if err := a.LearnAll(ctx, examples(60, 10), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		c := filter.New(fresh(t), sb, nil)
		if n, err := c.Load(ctx); err != nil || n != 10 {
			t.Fatalf("Load = %d, %v; want the 10 later events", n, err)
		}
		sameVerdicts(t, "snapshot and 10 events", a, c)
		if err := c.LearnAll(ctx, examples(70, 5), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Load(ctx); err != nil { // catches up, as Watch would
			t.Fatal(err)
		}
		sameVerdicts(t, "learning on", a, c)

		// The instance that loaded before any of it finds the compacted
		// events gone and restores the snapshot instead of skipping them.
		if _, err := lagging.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if lagging.Applied() != a.Applied() {
			t.Errorf("lagging instance applied through %d, want %d", lagging.Applied(), a.Applied())
		}
		sameVerdicts(t, "lagging instance", a, lagging)

		// Compacting again keeps one snapshot and deletes the rest.
		if err := c.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		if n := countEvents(t, sa); n != 0 {
			t.Errorf("%d events left after the second Compact", n)
		}
		snap, err := sa.LatestSpamSnapshot(ctx)
		if err != nil || snap.LastEventID != a.Applied() {
			t.Fatalf("latest snapshot %v, %v; want through %d", snap, err, a.Applied())
		}
		t.Logf("snapshot: %d bytes", len(snap.Data))
	})
}

func TestWatchCompacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		writer := filter.New(fresh(t), s, nil)
		w := filter.New(fresh(t), s, nil)
		w.SetCompaction(20, 0)
		done := make(chan struct{})
		go func() { w.Watch(ctx); close(done) }()
		if err := writer.LearnAll(ctx, examples(0, 25), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "Watch to compact", func() bool { return countEvents(t, s) == 0 })
		cancel()
		<-done
		if w.Applied() != writer.Applied() {
			t.Errorf("watcher applied through %d, want %d", w.Applied(), writer.Applied())
		}
		sameVerdicts(t, "watcher", writer, w)
	})
}

func TestLoadSkipsAnUnreadableSnapshot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := filter.New(fresh(t), s, nil)
		if err := a.LearnAll(ctx, examples(0, 6), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		// A snapshot of a future format, events kept.
		if _, err := s.SaveSpamSnapshot(ctx, a.Applied()-2, []byte("MHSPAM\x7fnot for us")); err != nil {
			t.Fatal(err)
		}
		b := filter.New(fresh(t), s, nil)
		if n, err := b.Load(ctx); err != nil || n != 6 {
			t.Fatalf("Load = %d, %v; want all 6 events replayed", n, err)
		}
		sameVerdicts(t, "replayed", a, b)
	})
}

// TestLoadTime compares Load from the log with Load from a snapshot.
func TestLoadTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const n = 400
		a := filter.New(fresh(t), s, nil)
		if err := a.LearnAll(ctx, examples(0, n), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if got, err := filter.New(fresh(t), s, nil).Load(ctx); err != nil || got != n {
			t.Fatalf("Load = %d, %v", got, err)
		}
		replay := time.Since(start)
		if err := a.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		b := filter.New(fresh(t), s, nil)
		start = time.Now()
		if _, err := b.Load(ctx); err != nil {
			t.Fatal(err)
		}
		t.Logf("Load of %d events: replay %v, snapshot %v", n, replay, time.Since(start))
		sameVerdicts(t, "after the timing", a, b)
	})
}

// Initial starts from the latest snapshot, so a start after a compaction
// needs no training, and reaches the same verdicts as one that trained.
func TestInitialStartsFromTheSnapshot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m, err := filter.Initial(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range probes {
			if got, want := m.Check(p), fresh(t).Check(p); !reflect.DeepEqual(got, want) {
				t.Fatalf("without a snapshot: %+v, want the default model's %+v", got, want)
			}
		}
		first := filter.New(fresh(t), s, nil)
		if err := first.LearnAll(ctx, examples(0, 60), filter.SourceModeration); err != nil {
			t.Fatal(err)
		}
		if err := first.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		m, err = filter.Initial(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		second := filter.New(m, s, nil)
		// Before Load: the model already knows what was learned.
		sameVerdicts(t, "the snapshot's model", first, second)
		if _, err := second.Load(ctx); err != nil {
			t.Fatal(err)
		}
		sameVerdicts(t, "started from the snapshot", first, second)
	})
}
