package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestSpamEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
		s.SetClock(func() time.Time { return at })

		first := &store.SpamEvent{Label: "spam", Features: []string{"w:viagra", "e:spam.example", "b:buy now"}, Source: "moderation"}
		if err := s.AddSpamEvent(ctx, first); err != nil {
			t.Fatal(err)
		}
		second := &store.SpamEvent{Label: "ham", Source: "akismet"} // no features at all
		if err := s.AddSpamEvent(ctx, second); err != nil {
			t.Fatal(err)
		}
		if first.ID <= 0 || second.ID <= first.ID || !first.Created.Equal(at) {
			t.Errorf("ids %d, %d and created %v: want growing ids and the clock's time", first.ID, second.ID, first.Created)
		}
		if err := s.AddSpamEvent(ctx, &store.SpamEvent{Label: "discard"}); err == nil {
			t.Error("label discard was accepted; the log knows only spam and ham")
		}

		all, err := s.SpamEventsAfter(ctx, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 {
			t.Fatalf("got %d events, want 2", len(all))
		}
		if e := all[0]; e.ID != first.ID || e.Label != "spam" || e.Source != "moderation" ||
			!slices.Equal(e.Features, first.Features) || !e.Created.Equal(at) {
			t.Errorf("first event read back as %+v", e)
		}
		if e := all[1]; e.Label != "ham" || len(e.Features) != 0 {
			t.Errorf("second event read back as %+v", e)
		}
		rest, err := s.SpamEventsAfter(ctx, first.ID, 10)
		if err != nil || len(rest) != 1 || rest[0].ID != second.ID {
			t.Errorf("after the first: %+v, %v; want only the second", rest, err)
		}
		if page, _ := s.SpamEventsAfter(ctx, 0, 1); len(page) != 1 || page[0].ID != first.ID {
			t.Errorf("limit 1 gave %+v", page)
		}

		batch := []*store.SpamEvent{
			{Label: "spam", Features: []string{"w:a"}, Source: "training"},
			{Label: "ham", Features: []string{"w:b"}, Source: "training"},
		}
		if err := s.AddSpamEvents(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if batch[0].ID <= second.ID || batch[1].ID <= batch[0].ID {
			t.Errorf("batch ids %d, %d after %d", batch[0].ID, batch[1].ID, second.ID)
		}
		bad := []*store.SpamEvent{{Label: "spam"}, {Label: "maybe"}}
		if err := s.AddSpamEvents(ctx, bad); err == nil {
			t.Error("a batch with label maybe was accepted")
		}
		if all, _ := s.SpamEventsAfter(ctx, 0, 100); len(all) != 4 {
			t.Errorf("%d events after a rejected batch, want 4", len(all))
		}
	})
}

// Writers racing must never let a reader that tails "id > last" skip an
// event: every id a reader has seen past must stay the largest committed.
func TestSpamEventsTailNeverSkips(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const writers, each = 4, 15
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					e := &store.SpamEvent{Label: "spam", Features: []string{"w:x"}, Source: string(rune('a'+w)) + string(rune('0'+i%10))}
					if err := s.AddSpamEvent(ctx, e); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		seen := map[int64]bool{}
		var last int64
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		for finished := false; !finished; {
			select {
			case <-done:
				finished = true
			default:
			}
			evs, err := s.SpamEventsAfter(ctx, last, 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				seen[e.ID] = true
				last = e.ID
			}
		}
		evs, _ := s.SpamEventsAfter(ctx, last, 1000)
		for _, e := range evs {
			seen[e.ID] = true
		}
		all, _ := s.SpamEventsAfter(ctx, 0, 1000)
		if len(all) != writers*each {
			t.Fatalf("%d events stored, want %d", len(all), writers*each)
		}
		for _, e := range all {
			if !seen[e.ID] {
				t.Errorf("the tail skipped event %d", e.ID)
			}
		}
	})
}
