package akismet

import (
	"context"
	"sync/atomic"
	"time"

	"masthead/internal/store"
)

// counters are a key's counts not yet flushed to the database. They are
// atomics so that counting a call costs no lock.
type counters struct {
	calls, spam, ham, missedSpam, falsePositives atomic.Int64
}

// take returns the counts and zeroes them.
func (c *counters) take() store.APIKeyCounts {
	return store.APIKeyCounts{
		Calls:          c.calls.Swap(0),
		Spam:           c.spam.Swap(0),
		Ham:            c.ham.Swap(0),
		MissedSpam:     c.missedSpam.Swap(0),
		FalsePositives: c.falsePositives.Swap(0),
	}
}

// add puts counts back after a failed flush.
func (c *counters) add(d store.APIKeyCounts) {
	c.calls.Add(d.Calls)
	c.spam.Add(d.Spam)
	c.ham.Add(d.Ham)
	c.missedSpam.Add(d.MissedSpam)
	c.falsePositives.Add(d.FalsePositives)
}

// snapshot returns the counts without zeroing them.
func (c *counters) snapshot() store.APIKeyCounts {
	return store.APIKeyCounts{
		Calls:          c.calls.Load(),
		Spam:           c.spam.Load(),
		Ham:            c.ham.Load(),
		MissedSpam:     c.missedSpam.Load(),
		FalsePositives: c.falsePositives.Load(),
	}
}

// flush writes every key's pending counts to the database in one
// transaction, putting them back if that fails.
func (k *keyring) flush(ctx context.Context) error {
	month := monthOf(k.now())
	var (
		deltas []store.APIKeyUsage
		from   []*apiKey
	)
	for _, a := range *k.known.Load() {
		if c := a.pending.take(); !c.IsZero() {
			deltas = append(deltas, store.APIKeyUsage{Key: a.key, Month: month, Counts: c})
			from = append(from, a)
		}
	}
	if len(deltas) == 0 {
		return nil
	}
	if err := k.store.AddAPIKeyUsage(ctx, deltas); err != nil {
		for i, a := range from {
			a.pending.add(deltas[i].Counts)
		}
		return err
	}
	return nil
}

func monthOf(t time.Time) string { return t.UTC().Format("2006-01") }
