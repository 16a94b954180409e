// Package filter is the running spam filter that the comment form and the
// Akismet API share. It wraps a spam model in memory and keeps it in step
// with the database: every label learned is appended to the spam_events
// log, and every instance replays that log at start and tails it, so the
// model survives restarts and is the same on every instance.
//
// Check never touches the database; Learn writes one event and returns once
// the model has applied it.
package filter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"masthead/internal/spam"
	"masthead/internal/store"
)

// Events is the learning log in the store.
type Events interface {
	AddSpamEvents(ctx context.Context, evs []*store.SpamEvent) error
	SpamEventsAfter(ctx context.Context, after int64, limit int) ([]store.SpamEvent, error)
}

// Label is a decision on a comment that the filter learns from.
type Label string

// Labels.
const (
	Spam Label = "spam"
	Ham  Label = "ham"
)

// Sources of labels, stored with each event for the record.
const (
	SourceModeration = "moderation" // a moderator's decision
	SourceAkismet    = "akismet"    // submit-spam / submit-ham through the API
	SourceTraining   = "training"   // masthead spam train
)

// PollInterval is how often Watch looks for events of other instances.
const PollInterval = 500 * time.Millisecond

// batch is how many events one read of the log returns.
const batch = 500

// Filter is safe for concurrent use.
type Filter struct {
	events Events
	log    *slog.Logger

	mu    sync.RWMutex // write-locked while the model learns
	model Model

	applyMu sync.Mutex   // one reader of the log at a time
	applied atomic.Int64 // id of the last event applied

	// Snapshots, under applyMu but for lastCompact (Watch's own).
	snapAt       int64 // last event of the latest snapshot known
	sinceSnap    int   // events applied since a snapshot was saved or restored
	badSnap      int64 // last event of a snapshot that failed to restore
	lastCompact  time.Time
	compactAfter int
	compactEvery time.Duration
}

// New wraps m, which should be the default model that every instance
// starts from: the log holds only what was learned on top of it.
func New(m Model, events Events, logger *slog.Logger) *Filter {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Filter{events: events, log: logger, model: m, compactAfter: CompactAfter, compactEvery: CompactEvery}
}

// Check scores a comment in memory.
func (f *Filter) Check(c spam.Comment) spam.Verdict {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.model.Check(c)
}

// Learn records the label for c in the log and applies it, together with
// any earlier events of other instances not applied yet, so the log's
// order is the order every instance learns in. When Learn returns nil,
// Check already reflects the label.
func (f *Filter) Learn(ctx context.Context, c spam.Comment, label Label, source string) error {
	return f.LearnAll(ctx, []Example{{c, label}}, source)
}

// Example is a comment and the label to learn for it.
type Example struct {
	Comment spam.Comment
	Label   Label
}

// LearnAll is Learn for many comments, recorded in one transaction.
func (f *Filter) LearnAll(ctx context.Context, examples []Example, source string) error {
	if len(examples) == 0 {
		return nil
	}
	evs := make([]*store.SpamEvent, len(examples))
	f.mu.RLock()
	for i, ex := range examples {
		if ex.Label != Spam && ex.Label != Ham {
			f.mu.RUnlock()
			return fmt.Errorf("filter: label %q: want spam or ham", ex.Label)
		}
		evs[i] = &store.SpamEvent{Label: string(ex.Label), Features: f.model.Features(ex.Comment), Source: source}
	}
	f.mu.RUnlock()
	if err := f.events.AddSpamEvents(ctx, evs); err != nil {
		return fmt.Errorf("filter: record labels: %w", err)
	}
	if _, err := f.catchUp(ctx, evs[len(evs)-1].ID); err != nil {
		// The events are stored; Watch applies them on its next round.
		return fmt.Errorf("filter: apply labels: %w", err)
	}
	return nil
}

// Applied returns the id of the last event of the log the model has
// applied.
func (f *Filter) Applied() int64 { return f.applied.Load() }

// Load restores the model from the latest snapshot, if any, and replays
// the log's later events on it; call it once before serving. A snapshot
// this version cannot read is skipped, and the log replayed from the
// start on the default model. It returns how many events it applied.
func (f *Filter) Load(ctx context.Context) (int, error) {
	return f.catchUp(ctx, 0)
}

// Watch applies the events other instances write, every PollInterval,
// until ctx ends.
func (f *Filter) Watch(ctx context.Context) {
	t := time.NewTicker(PollInterval)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		_, err := f.catchUp(ctx, 0)
		if err == nil {
			if err = f.maybeCompact(ctx); err != nil {
				err = fmt.Errorf("compact: %w", err)
			}
		}
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			f.log.Warn("spam filter: reading the learning log failed", "err", err)
			failing = true
		case err == nil && failing:
			f.log.Info("spam filter: reading the learning log works again")
			failing = false
		}
	}
}

// catchUp applies the log's events after the last applied one, in id
// order, until it reaches the id until (0: until the end of the log).
// applyMu makes sure each event is applied exactly once. Where events
// after the last applied one are missing, compacted away by another
// instance, it restores the snapshot that holds them first.
func (f *Filter) catchUp(ctx context.Context, until int64) (int, error) {
	f.applyMu.Lock()
	defer f.applyMu.Unlock()
	snaps, m, canRestore := f.snapshots()
	n := 0
	for until == 0 || f.applied.Load() < until {
		evs, err := f.events.SpamEventsAfter(ctx, f.applied.Load(), batch)
		if err != nil {
			return n, err
		}
		// A gap in the ids: events deleted by a compaction, or (on
		// PostgreSQL) ids of rolled-back inserts. An empty log may be
		// compacted too.
		if canRestore && (len(evs) == 0 || evs[0].ID != f.applied.Load()+1) {
			ok, err := f.restore(ctx, snaps, m)
			if err != nil {
				return n, err
			}
			if ok {
				continue
			}
		}
		if len(evs) == 0 {
			if until != 0 {
				return n, errors.New("event not found in the log")
			}
			return n, nil
		}
		for _, e := range evs {
			// Locked per event, so verdicts go on between events while a
			// bulk training done elsewhere is replayed here.
			f.mu.Lock()
			f.model.Learn(e.Features, e.Label == string(Spam))
			f.mu.Unlock()
			f.applied.Store(e.ID)
			f.sinceSnap++
			n++
		}
	}
	return n, nil
}
