package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestAPIKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 3, 4, 5, 6, 7, 8000, time.UTC)
		s.SetClock(func() time.Time { return at })

		k := &store.APIKey{Key: "abc123", Site: "https://blog.example", RateLimit: 60}
		if err := s.CreateAPIKey(ctx, k); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateAPIKey(ctx, &store.APIKey{Key: "abc123", Site: "https://other.example"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("second key with the same value: err = %v, want ErrConflict", err)
		}
		if err := s.CreateAPIKey(ctx, &store.APIKey{Key: "nosite"}); err == nil {
			t.Error("a key without a site was accepted")
		}
		got, err := s.APIKey(ctx, "abc123")
		if err != nil {
			t.Fatal(err)
		}
		want := store.APIKey{Key: "abc123", Site: "https://blog.example", RateLimit: 60, Created: at}
		if *got != want {
			t.Errorf("APIKey = %+v, want %+v", *got, want)
		}
		if _, err := s.APIKey(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown key: err = %v, want ErrNotFound", err)
		}

		at = at.Add(time.Second)
		if err := s.CreateAPIKey(ctx, &store.APIKey{Key: "def456", Site: "https://forum.example"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAPIKeyRevoked(ctx, "def456", true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAPIKeyRevoked(ctx, "nope", true); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("revoking an unknown key: err = %v, want ErrNotFound", err)
		}
		all, err := s.APIKeys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].Key != "abc123" || all[1].Key != "def456" || all[0].Revoked || !all[1].Revoked {
			t.Errorf("APIKeys = %+v, want abc123 then revoked def456", all)
		}
	})
}

func TestAPIKeyUsage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, key := range []string{"k1", "k2"} {
			if err := s.CreateAPIKey(ctx, &store.APIKey{Key: key, Site: "https://" + key + ".example"}); err != nil {
				t.Fatal(err)
			}
		}
		one := store.APIKeyCounts{Calls: 3, Spam: 1, Ham: 2, MissedSpam: 1, FalsePositives: 0}
		err := s.AddAPIKeyUsage(ctx, []store.APIKeyUsage{
			{Key: "k1", Month: "2026-02", Counts: one},
			{Key: "k1", Month: "2026-03", Counts: one},
			{Key: "k2", Month: "2026-03", Counts: store.APIKeyCounts{Calls: 5, Ham: 5, FalsePositives: 1}},
			{Key: "gone", Month: "2026-03", Counts: one}, // dropped, not an error
		})
		if err != nil {
			t.Fatal(err)
		}
		// Flushes from several instances at once add up.
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- s.AddAPIKeyUsage(ctx, []store.APIKeyUsage{{Key: "k1", Month: "2026-03", Counts: one}})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}

		k1, err := s.APIKey(ctx, "k1")
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.APIKeyCounts{Calls: 18, Spam: 6, Ham: 12, MissedSpam: 6}); k1.Counts != want {
			t.Errorf("k1 lifetime counts = %+v, want %+v", k1.Counts, want)
		}
		march, err := s.APIKeyMonth(ctx, "k1", "2026-03")
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.APIKeyCounts{Calls: 15, Spam: 5, Ham: 10, MissedSpam: 5}); march != want {
			t.Errorf("k1 in 2026-03 = %+v, want %+v", march, want)
		}
		if jan, err := s.APIKeyMonth(ctx, "k1", "2026-01"); err != nil || !jan.IsZero() {
			t.Errorf("k1 in a month without calls = %+v, %v; want zero, nil", jan, err)
		}
		if k2, _ := s.APIKeyMonth(ctx, "k2", "2026-03"); k2.FalsePositives != 1 || k2.Calls != 5 {
			t.Errorf("k2 in 2026-03 = %+v", k2)
		}
		if err := s.AddAPIKeyUsage(ctx, []store.APIKeyUsage{{Key: "k1", Month: "2026-13", Counts: one}}); err == nil {
			t.Error("month 2026-13 was accepted")
		}
	})
}

func TestValidMonth(t *testing.T) {
	for m, want := range map[string]bool{
		"2022-09": true, "1999-12": true, "2022-00": false, "2022-13": false,
		"2022-9": false, "22-09-01": false, "2022/09": false, "abcd-09": false, "": false,
	} {
		if got := store.ValidMonth(m); got != want {
			t.Errorf("ValidMonth(%q) = %v, want %v", m, got, want)
		}
	}
}
