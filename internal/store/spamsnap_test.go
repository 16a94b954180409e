package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestSpamSnapshots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
		s.SetClock(func() time.Time { return at })

		if _, err := s.LatestSpamSnapshot(ctx); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no snapshot yet: err = %v, want ErrNotFound", err)
		}
		if id, err := s.LatestSpamSnapshotEvent(ctx); err != nil || id != 0 {
			t.Fatalf("no snapshot yet: last event %d, %v; want 0", id, err)
		}
		var ids []int64
		for range 5 {
			e := &store.SpamEvent{Label: "spam", Features: []string{"w:x"}, Source: "test"}
			if err := s.AddSpamEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		// Without a snapshot no event may go.
		if n, err := s.DeleteSpamEventsThrough(ctx, ids[4]); err != nil || n != 0 {
			t.Fatalf("deleted %d, %v without a snapshot; want 0", n, err)
		}

		data := []byte{0, 1, 2, 0xff, 0, 'x'} // binary, with zero bytes
		snap, err := s.SaveSpamSnapshot(ctx, ids[2], data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.LatestSpamSnapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != snap.ID || got.LastEventID != ids[2] || !got.Created.Equal(at) || !bytes.Equal(got.Data, data) {
			t.Errorf("latest = %+v, want %+v", got, snap)
		}

		// Deleting stops at the snapshot, whatever is asked.
		if n, err := s.DeleteSpamEventsThrough(ctx, ids[4]); err != nil || n != 3 {
			t.Fatalf("deleted %d, %v; want the 3 events the snapshot holds", n, err)
		}
		left, err := s.SpamEventsAfter(ctx, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 2 || left[0].ID != ids[3] || left[1].ID != ids[4] {
			t.Errorf("left %+v, want events %d and %d", left, ids[3], ids[4])
		}

		// A newer snapshot replaces it; an older one, saved late by a slower
		// instance, does not win.
		if _, err := s.SaveSpamSnapshot(ctx, ids[4], []byte("newer")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveSpamSnapshot(ctx, ids[3], []byte("older")); err != nil {
			t.Fatal(err)
		}
		got, err = s.LatestSpamSnapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.LastEventID != ids[4] || string(got.Data) != "newer" {
			t.Errorf("latest = %d %q, want %d newer", got.LastEventID, got.Data, ids[4])
		}
		if id, err := s.LatestSpamSnapshotEvent(ctx); err != nil || id != ids[4] {
			t.Errorf("latest snapshot event %d, %v; want %d", id, err, ids[4])
		}
		if n, err := s.DeleteSpamEventsThrough(ctx, ids[4]); err != nil || n != 2 {
			t.Errorf("deleted %d, %v; want 2", n, err)
		}
		// Ids are never reused after the log was emptied.
		e := &store.SpamEvent{Label: "ham", Source: "test"}
		if err := s.AddSpamEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID <= ids[4] {
			t.Errorf("new event id %d after deleting through %d", e.ID, ids[4])
		}
	})
}
