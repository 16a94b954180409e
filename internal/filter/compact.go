package filter

import (
	"context"
	"encoding"
	"errors"
	"fmt"
	"time"

	"masthead/internal/store"
)

// Snapshots keep the learning log short: a snapshot holds the model after
// every event up to an id, and those events are then deleted. The store
// implements it; a Filter whose Events or Model lack it replays the whole
// log as before.
type Snapshots interface {
	SaveSpamSnapshot(ctx context.Context, lastEventID int64, data []byte) (*store.SpamSnapshot, error)
	LatestSpamSnapshot(ctx context.Context) (*store.SpamSnapshot, error)
	LatestSpamSnapshotEvent(ctx context.Context) (int64, error)
	DeleteSpamEventsThrough(ctx context.Context, through int64) (int64, error)
}

// snapshotModel is a Model that can be saved and restored; *spam.Model is
// one.
type snapshotModel interface {
	Model
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// Watch compacts the log when CompactAfter events were applied since the
// last snapshot, at most once every CompactEvery.
const (
	CompactAfter = 500
	CompactEvery = 5 * time.Minute
)

// snapshots returns the store's snapshots and the model, or false when
// either cannot take part.
func (f *Filter) snapshots() (Snapshots, snapshotModel, bool) {
	s, ok := f.events.(Snapshots)
	if !ok {
		return nil, nil, false
	}
	m, ok := f.model.(snapshotModel)
	return s, m, ok
}

// Compact saves a snapshot of the model at the last applied event, then
// deletes the events it holds. Instances that applied fewer events find
// the gap in the log and restore the snapshot; instances starting later
// load it and replay only later events.
func (f *Filter) Compact(ctx context.Context) error {
	snaps, m, ok := f.snapshots()
	if !ok {
		return errors.New("filter: the model or the store cannot take snapshots")
	}
	f.applyMu.Lock()
	at := f.applied.Load()
	n := f.sinceSnap
	var (
		data []byte
		err  error
	)
	if at > f.snapAt {
		f.mu.RLock()
		data, err = m.MarshalBinary()
		f.mu.RUnlock()
		if err == nil {
			f.sinceSnap = 0
		}
	}
	f.applyMu.Unlock()
	if err != nil {
		return fmt.Errorf("filter: snapshot: %w", err)
	}
	if data != nil {
		if _, err := snaps.SaveSpamSnapshot(ctx, at, data); err != nil {
			f.applyMu.Lock()
			f.sinceSnap += n
			f.applyMu.Unlock()
			return fmt.Errorf("filter: save snapshot: %w", err)
		}
		f.applyMu.Lock()
		f.snapAt = max(f.snapAt, at)
		f.applyMu.Unlock()
	}
	// The store never deletes past its latest snapshot, whoever made it.
	deleted, err := snaps.DeleteSpamEventsThrough(ctx, at)
	if err != nil {
		return fmt.Errorf("filter: delete compacted events: %w", err)
	}
	f.log.Info("spam filter: compacted the learning log", "through", at, "snapshot_bytes", len(data), "deleted", deleted)
	return nil
}

// maybeCompact runs Compact for Watch when enough events were applied
// since the last snapshot, by this instance or another.
func (f *Filter) maybeCompact(ctx context.Context) error {
	snaps, _, ok := f.snapshots()
	if !ok || time.Since(f.lastCompact) < f.compactEvery {
		return nil
	}
	f.applyMu.Lock()
	pending := f.sinceSnap
	f.applyMu.Unlock()
	if pending < f.compactAfter {
		return nil
	}
	f.lastCompact = time.Now()
	// Another instance may have compacted already.
	latest, err := snaps.LatestSpamSnapshotEvent(ctx)
	if err != nil {
		return err
	}
	f.applyMu.Lock()
	f.snapAt = max(f.snapAt, latest)
	due := f.applied.Load()-f.snapAt >= int64(f.compactAfter)
	if !due {
		f.sinceSnap = int(f.applied.Load() - f.snapAt)
	}
	f.applyMu.Unlock()
	if !due {
		return nil
	}
	return f.Compact(ctx)
}

// restore replaces the model with the latest snapshot when it holds
// events after the last applied one. The caller holds applyMu.
func (f *Filter) restore(ctx context.Context, snaps Snapshots, m snapshotModel) (bool, error) {
	latest, err := snaps.LatestSpamSnapshotEvent(ctx)
	if err != nil || latest <= f.applied.Load() || latest == f.badSnap {
		return false, err
	}
	snap, err := snaps.LatestSpamSnapshot(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if snap.LastEventID <= f.applied.Load() {
		return false, nil
	}
	f.mu.Lock()
	err = m.UnmarshalBinary(snap.Data)
	f.mu.Unlock()
	if err != nil {
		// Most likely a snapshot of another version of masthead: go on
		// without it rather than stop learning.
		f.badSnap = snap.LastEventID
		f.log.Warn("spam filter: cannot restore the model snapshot; its events are missing from this model",
			"through", snap.LastEventID, "err", err)
		return false, nil
	}
	f.applied.Store(snap.LastEventID)
	f.snapAt = max(f.snapAt, snap.LastEventID)
	f.sinceSnap = 0
	return true, nil
}
