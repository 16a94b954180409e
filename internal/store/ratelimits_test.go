package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestRateLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
		const every, burst = time.Minute, 3
		wait := func(key string, at time.Time) time.Duration {
			t.Helper()
			d, err := s.RateWait(ctx, key, every, burst, at)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		spend := func(key string, at time.Time) {
			t.Helper()
			if err := s.SpendRate(ctx, key, every, at); err != nil {
				t.Fatal(err)
			}
		}
		if d := wait("a", t0); d != 0 {
			t.Errorf("an unknown key waits %v", d)
		}
		for i := range burst {
			if d := wait("a", t0); d != 0 {
				t.Fatalf("after %d events the key waits %v; %d are allowed at once", i, d, burst)
			}
			spend("a", t0)
		}
		if d := wait("a", t0); d != every {
			t.Errorf("after the burst the key waits %v, want %v", d, every)
		}
		if d := wait("a", t0.Add(20*time.Second)); d != 40*time.Second {
			t.Errorf("20 s later the key waits %v, want 40s", d)
		}
		if d := wait("a", t0.Add(every)); d != 0 {
			t.Errorf("an interval later the key waits %v, want 0", d)
		}
		if d := wait("b", t0); d != 0 {
			t.Errorf("another key waits %v", d)
		}
		// Events long after the last start afresh: old ones are earned back.
		spend("a", t0.Add(time.Hour))
		if d := wait("a", t0.Add(time.Hour)); d != 0 {
			t.Errorf("an hour later one event makes the key wait %v", d)
		}
		if err := s.ResetRate(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		spend("b", t0)
		if n, err := s.DeleteSpentRates(ctx, t0.Add(2*time.Minute)); err != nil || n != 1 {
			t.Errorf("DeleteSpentRates = %d, %v; want the one spent key", n, err)
		}
	})
}

// TestRateLimitsConcurrent: events spent at once, as by several instances,
// are all counted.
func TestRateLimitsConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
		const n = 20
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				if err := s.SpendRate(ctx, "k", time.Second, t0); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		d, err := s.RateWait(ctx, "k", time.Second, 1, t0)
		if err != nil {
			t.Fatal(err)
		}
		if d != n*time.Second {
			t.Errorf("after %d concurrent events the wait is %v, want %v", n, d, n*time.Second)
		}
	})
}
