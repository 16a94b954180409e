package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func newSource(feed string) *store.Source {
	return &store.Source{
		Name:              "The Conversation",
		FeedURL:           feed,
		HomeURL:           "https://theconversation.com",
		Licence:           article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"},
		CreditTop:         "[This article first appeared in {source}, republished with permission]",
		CreditEnd:         "This article is republished from {source}.",
		Canonical:         store.CanonicalOriginal,
		Mode:              store.ModeInbox,
		Interval:          30 * time.Minute,
		RequiredElements:  []string{"counter.theconversation.com/content/", `re:count\.gif`},
		UnlicensedCaption: `(?i)not licensed`,
	}
}

func TestSourcesCRUD(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := newSource("https://theconversation.com/au/articles.atom")
		if err := s.CreateSource(ctx, a); err != nil {
			t.Fatal(err)
		}
		b := newSource("https://globalvoices.org/feed/")
		b.Name, b.Mode, b.AllowPrivateNetwork = "Global Voices", store.ModeAuto, true
		if err := s.CreateSource(ctx, b); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || b.ID == a.ID {
			t.Fatalf("ids %d, %d", a.ID, b.ID)
		}
		dup := newSource(a.FeedURL)
		if err := s.CreateSource(ctx, dup); !errors.Is(err, store.ErrConflict) {
			t.Errorf("same feed added twice: %v, want ErrConflict", err)
		}

		got, err := s.SourceByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := *a
		if got.Name != want.Name || got.FeedURL != want.FeedURL || got.Licence != want.Licence ||
			got.CreditTop != want.CreditTop || got.Canonical != want.Canonical || got.Mode != want.Mode ||
			got.Interval != want.Interval || got.AllowPrivateNetwork || !slices.Equal(got.RequiredElements, want.RequiredElements) ||
			got.UnlicensedCaption != want.UnlicensedCaption || !got.CreatedAt.Equal(want.CreatedAt) {
			t.Errorf("stored source differs:\n got %+v\nwant %+v", got, want)
		}
		if !got.Poll.NextAt.IsZero() {
			t.Errorf("a new source is due at once; NextAt = %v", got.Poll.NextAt)
		}

		got.Mode, got.Interval = store.ModeAuto, time.Hour
		if err := s.UpdateSource(ctx, got); err != nil {
			t.Fatal(err)
		}
		list, err := s.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Name != "The Conversation" || list[0].Mode != store.ModeAuto ||
			list[0].Interval != time.Hour || list[1].Name != "Global Voices" || !list[1].AllowPrivateNetwork {
			t.Errorf("list after update: %+v", list)
		}

		if err := s.DeleteSource(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SourceByID(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removed source: %v, want ErrNotFound", err)
		}
		if err := s.DeleteSource(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing twice: %v, want ErrNotFound", err)
		}
	})
}

func TestSourceLeases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2024, 3, 24, 12, 0, 0, 0, time.UTC)
		src := newSource("https://theconversation.com/au/articles.atom")
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		got, err := s.LeaseDueSources(ctx, "a/1", now, now.Add(time.Minute), 10)
		if err != nil || len(got) != 1 || got[0].ID != src.ID {
			t.Fatalf("first lease: %v, %v", got, err)
		}
		if other, err := s.LeaseDueSources(ctx, "b/1", now, now.Add(time.Minute), 10); err != nil || len(other) != 0 {
			t.Errorf("second instance leased a held source: %v, %v", other, err)
		}
		if _, err := s.LeaseSource(ctx, src.ID, "b/2", now, now.Add(time.Minute)); !errors.Is(err, store.ErrLeased) {
			t.Errorf("poll-now of a held source: %v, want ErrLeased", err)
		}
		if _, err := s.LeaseSource(ctx, 9999, "b/2", now, now.Add(time.Minute)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("poll-now of a missing source: %v, want ErrNotFound", err)
		}
		done := store.PollState{ETag: `"v1"`, LastModified: "Sun, 24 Mar 2024 04:12:09 GMT",
			NextAt: now.Add(30 * time.Minute), LastAt: now, LastSuccessAt: now}
		if err := s.FinishPoll(ctx, src.ID, "b/1", done); !errors.Is(err, store.ErrLeased) {
			t.Errorf("finish by a non-holder: %v, want ErrLeased", err)
		}
		if err := s.FinishPoll(ctx, src.ID, "a/1", done); err != nil {
			t.Fatal(err)
		}
		after, _ := s.SourceByID(ctx, src.ID)
		if after.Poll.ETag != `"v1"` || !after.Poll.NextAt.Equal(done.NextAt) || !after.Poll.LastSuccessAt.Equal(now) {
			t.Errorf("poll state not kept: %+v", after.Poll)
		}
		if due, _ := s.LeaseDueSources(ctx, "a/2", now.Add(time.Minute), now.Add(2*time.Minute), 10); len(due) != 0 {
			t.Errorf("source leased before its next poll: %v", due)
		}
		// Poll-now ignores the schedule but not leases.
		if _, err := s.LeaseSource(ctx, src.ID, "a/3", now, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		// An instance that died holding a lease blocks the source only
		// until the lease runs out.
		later := now.Add(31 * time.Minute)
		if due, _ := s.LeaseDueSources(ctx, "b/3", later, later.Add(time.Minute), 10); len(due) != 1 {
			t.Errorf("expired lease not taken over: %v", due)
		}
		if err := s.FinishPoll(ctx, src.ID, "a/3", done); !errors.Is(err, store.ErrLeased) {
			t.Errorf("finish after losing the lease: %v, want ErrLeased", err)
		}
		if err := s.ReleaseSource(ctx, src.ID, "b/3"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LeaseSource(ctx, src.ID, "c/1", later, later.Add(time.Minute)); err != nil {
			t.Errorf("released source not leasable: %v", err)
		}
	})
}

// Several instances leasing at once never get the same source.
func TestSourceLeasesConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := range 12 {
			if err := s.CreateSource(ctx, newSource(fmt.Sprintf("https://e.example/%d.xml", i))); err != nil {
				t.Fatal(err)
			}
		}
		now := time.Now()
		var (
			mu   sync.Mutex
			wg   sync.WaitGroup
			seen = map[int64]string{}
		)
		for w := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				holder := fmt.Sprintf("instance-%d", w)
				got, err := s.LeaseDueSources(ctx, holder, now, now.Add(time.Minute), 12)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				for _, src := range got {
					if prev, ok := seen[src.ID]; ok {
						t.Errorf("source %d leased by %s and %s", src.ID, prev, holder)
					}
					seen[src.ID] = holder
				}
			}()
		}
		wg.Wait()
		if len(seen) != 12 {
			t.Errorf("%d of 12 sources leased", len(seen))
		}
	})
}
