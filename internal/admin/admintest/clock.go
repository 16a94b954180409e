package admintest

import (
	"sync"
	"time"
)

// Clock is a settable time, shared by the store and the back office so
// that both agree on when a session started or a limit lifts. The server
// reads it from other goroutines, hence the lock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
