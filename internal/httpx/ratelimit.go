package httpx

import (
	"math"
	"sync"
	"time"
)

// Limiter is a token bucket per key (an IP, an account, an API key): each
// key may spend burst tokens at once, and earns one back every interval.
// It holds at most maxKeys buckets, so a flood of new keys cannot exhaust
// memory; when full it forgets buckets that have refilled, and failing
// that the fullest one, which is the key it limits least.
type Limiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   float64
	max     int
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter allows burst events at once per key and one more every
// interval (an interval ≤ 0 limits nothing); it keeps at most maxKeys keys.
func NewLimiter(every time.Duration, burst, maxKeys int) *Limiter {
	return &Limiter{
		every: every, burst: float64(max(burst, 1)), max: max(maxKeys, 1),
		now: time.Now, buckets: map[string]*bucket{},
	}
}

// SetClock replaces the clock, for tests.
func (l *Limiter) SetClock(now func() time.Time) {
	l.mu.Lock()
	l.now = now
	l.mu.Unlock()
}

// Allow spends a token of key if it has one, and says whether it had.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.get(key, now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Wait says how long until key has a token; zero means it has one now.
// It spends nothing: pair it with Take to count only failures, as sign-in
// does.
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return 0
	}
	tokens := l.refilled(b, l.now())
	if tokens >= 1 {
		return 0
	}
	return time.Duration(math.Ceil((1 - tokens) * float64(l.every)))
}

// Take spends a token of key, if any is left.
func (l *Limiter) Take(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key, l.now())
	b.tokens = max(b.tokens-1, 0)
}

// Reset forgets key: it has its whole burst again.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	delete(l.buckets, key)
	l.mu.Unlock()
}

// Len is the number of keys held.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// get returns key's bucket brought up to now, making room for it if new.
func (l *Limiter) get(key string, now time.Time) *bucket {
	if b, ok := l.buckets[key]; ok {
		b.tokens, b.at = l.refilled(b, now), now
		return b
	}
	if len(l.buckets) >= l.max {
		l.evict(now)
	}
	b := &bucket{tokens: l.burst, at: now}
	l.buckets[key] = b
	return b
}

func (l *Limiter) refilled(b *bucket, now time.Time) float64 {
	if l.every <= 0 {
		return l.burst
	}
	gained := float64(now.Sub(b.at)) / float64(l.every)
	return min(b.tokens+max(gained, 0), l.burst)
}

// evict drops every bucket that has refilled (it is the same as none); if
// none has, it drops the fullest.
func (l *Limiter) evict(now time.Time) {
	var (
		fullest string
		most    = -1.0
	)
	for k, b := range l.buckets {
		t := l.refilled(b, now)
		if t >= l.burst {
			delete(l.buckets, k)
			continue
		}
		if t > most {
			fullest, most = k, t
		}
	}
	if len(l.buckets) >= l.max {
		delete(l.buckets, fullest)
	}
}
