package httpx

import (
	"fmt"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(time.Minute, 3, 100)
	l.SetClock(func() time.Time { return now })

	for i := range 3 {
		if !l.Allow("ip:1") {
			t.Fatalf("event %d of a burst of 3 refused", i+1)
		}
	}
	if l.Allow("ip:1") {
		t.Fatal("fourth event in a burst of 3 allowed")
	}
	if !l.Allow("ip:2") {
		t.Error("another key was limited too")
	}
	if w := l.Wait("ip:1"); w != time.Minute {
		t.Errorf("wait = %v, want 1m", w)
	}
	now = now.Add(30 * time.Second)
	if w := l.Wait("ip:1"); w != 30*time.Second {
		t.Errorf("wait after 30s = %v, want 30s", w)
	}
	now = now.Add(30 * time.Second)
	if !l.Allow("ip:1") || l.Allow("ip:1") {
		t.Error("after one interval, want exactly one more event")
	}
	now = now.Add(time.Hour)
	for i := range 3 {
		if !l.Allow("ip:1") {
			t.Fatalf("refilled bucket refused event %d", i+1)
		}
	}

	// Wait spends nothing; Take spends whether or not a token is left.
	if w := l.Wait("fresh"); w != 0 || l.Len() != 2 {
		t.Errorf("Wait on a new key = %v and held %d keys; want 0 and no new key", w, l.Len())
	}
	for range 5 {
		l.Take("acct")
	}
	if w := l.Wait("acct"); w != time.Minute {
		t.Errorf("after overspending, wait = %v, want 1m (no debt beyond empty)", w)
	}
	l.Reset("acct")
	if w := l.Wait("acct"); w != 0 {
		t.Errorf("after reset, wait = %v", w)
	}
}

func TestLimiterBoundedMemory(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(time.Minute, 2, 10)
	l.SetClock(func() time.Time { return now })
	// The attacker's key is empty; a flood of keys less limited than it
	// must not push it out (which would give its tokens back).
	l.Allow("attacker")
	l.Allow("attacker")
	for i := range 1000 {
		l.Allow(fmt.Sprintf("flood-%d", i))
		if n := l.Len(); n > 10 {
			t.Fatalf("holding %d keys, limit 10", n)
		}
		now = now.Add(time.Millisecond)
	}
	if l.Allow("attacker") {
		t.Error("flooding new keys gave the limited key its tokens back")
	}
	// Buckets that have refilled go first.
	now = now.Add(time.Hour)
	l.Allow("late")
	if l.Len() != 1 {
		t.Errorf("after everyone refilled, %d keys held; want only the new one", l.Len())
	}
}
