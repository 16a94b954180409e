package akismet

import (
	"sync"
	"time"
)

// bucket is a token bucket for "perMinute calls a minute": it holds up to
// a minute's worth of calls and refills continuously, so a client may
// burst but not exceed the rate over time.
type bucket struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
}

// allow takes a token if there is one. When there is none it returns how
// long until there will be.
func (b *bucket) allow(now time.Time, perMinute int) (bool, time.Duration) {
	capacity := float64(perMinute)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.last.IsZero() {
		b.tokens = capacity
	} else if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(capacity, b.tokens+elapsed.Minutes()*capacity)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / capacity * float64(time.Minute))
	return false, wait
}
