package comment

import (
	"testing"
	"time"
)

func TestReplayCacheEvicts(t *testing.T) {
	now := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)
	c := newReplayCache(3)
	n := func(b byte) [16]byte { return [16]byte{b} }
	for b := byte(1); b <= 3; b++ {
		if !c.add(n(b), now.Add(time.Hour), now) {
			t.Fatalf("nonce %d refused", b)
		}
	}
	if c.add(n(2), now.Add(time.Hour), now) {
		t.Error("replay accepted")
	}
	// Full: adding a fourth forgets the oldest.
	if !c.add(n(4), now.Add(time.Hour), now) || len(c.expires) != 3 {
		t.Fatalf("fourth: %d remembered", len(c.expires))
	}
	if !c.add(n(1), now.Add(time.Hour), now) {
		t.Error("evicted nonce still remembered")
	}
	// Expired entries go first.
	later := now.Add(2 * time.Hour)
	if !c.add(n(9), later.Add(time.Hour), later) || len(c.expires) != 1 {
		t.Errorf("after expiry: %d remembered", len(c.expires))
	}
}
