package filter

import "time"

// SetCompaction sets when Watch compacts, for tests.
func (f *Filter) SetCompaction(after int, every time.Duration) {
	f.compactAfter, f.compactEvery = after, every
}
