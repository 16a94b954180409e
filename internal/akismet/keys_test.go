package akismet

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"
)

func TestKeysAreCachedAndRefreshed(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		for range 20 {
			e.call("/1.1/comment-check", "", comment())
		}
		if n := e.keys.lookups.Load(); n != 1 {
			t.Errorf("20 calls with one key looked it up %d times, want 1", n)
		}

		// A key added by another process (masthead apikey add) works at once.
		e.addKey("newkey42", "https://new.example", 0)
		if r := e.call("/1.1/comment-check", "", comment("api_key", "newkey42")); r.body != "false" {
			t.Errorf("a key added after start: %q", r.body)
		}

		// Garbage keys: one lookup each, then remembered as unknown.
		before := e.keys.lookups.Load()
		for range 50 {
			e.call("/1.1/comment-check", "", comment("api_key", "garbage"))
		}
		if n := e.keys.lookups.Load() - before; n != 1 {
			t.Errorf("50 calls with one unknown key: %d lookups, want 1", n)
		}
		// A flood of distinct made-up keys is held to the lookup budget.
		before = e.keys.lookups.Load()
		for i := range missesPerMinute + 200 {
			e.call("/1.1/verify-key", "", url.Values{"key": {fmt.Sprintf("made%06d", i)}})
		}
		if n := e.keys.lookups.Load() - before; n > missesPerMinute {
			t.Errorf("%d distinct unknown keys: %d lookups, want at most %d", missesPerMinute+200, n, missesPerMinute)
		}

		// An unknown key created later is found once it has been forgotten,
		// or at the next refresh.
		e.addKey("garbage", "https://late.example", 0)
		if err := e.h.keys.refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if r := e.call("/1.1/comment-check", "", comment("api_key", "garbage")); r.body != "false" {
			t.Errorf("after refresh, the once-unknown key: %q", r.body)
		}

		// Revocation takes effect at the next refresh.
		if err := e.st.SetAPIKeyRevoked(ctx, testKey, true); err != nil {
			t.Fatal(err)
		}
		if err := e.h.keys.refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if r := e.call("/1.1/comment-check", "", comment()); r.body != "invalid" {
			t.Errorf("revoked key: %q, want invalid", r.body)
		}
	})
}

func TestRunFlushesAndFlushesAtShutdown(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { e.h.Run(ctx); close(done) }()
		for range 5 {
			e.call("/1.1/comment-check", "", comment())
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			k, err := e.st.APIKey(context.Background(), testKey)
			if err != nil {
				t.Fatal(err)
			}
			if k.Counts.Calls == 5 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("calls in the database after 5 s: %d, want 5", k.Counts.Calls)
			}
			time.Sleep(50 * time.Millisecond)
		}
		e.call("/1.1/comment-check", "", comment())
		cancel()
		<-done
		if k, _ := e.st.APIKey(context.Background(), testKey); k.Counts.Calls != 6 {
			t.Errorf("after shutdown the database has %d calls, want 6", k.Counts.Calls)
		}
	})
}
