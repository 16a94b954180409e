package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// SpamEvent is one label the spam filter learned: the comment's features
// as the model names them, so replaying the log rebuilds the model.
type SpamEvent struct {
	ID       int64
	Label    string // "spam" or "ham"
	Features []string
	Source   string // who decided: "moderation", "akismet", "train", …
	Created  time.Time
}

// spamEventLock serializes writers of spam_events on PostgreSQL, so an id
// is only handed out once every smaller id has committed or rolled back:
// readers tailing "id > last" then never skip a late commit.
const spamEventLock = 7243912

// AddSpamEvent appends e to the learning log and sets its ID and Created.
func (s *Store) AddSpamEvent(ctx context.Context, e *SpamEvent) error {
	return s.AddSpamEvents(ctx, []*SpamEvent{e})
}

// AddSpamEvents appends the events in one transaction, in order, and sets
// their IDs and Created: training from a file costs one commit, not one
// per example. Nothing is stored if any label is not spam or ham.
func (s *Store) AddSpamEvents(ctx context.Context, evs []*SpamEvent) error {
	feats := make([]string, len(evs))
	for i, e := range evs {
		if e.Label != "spam" && e.Label != "ham" {
			return fmt.Errorf("spam event label %q: want spam or ham", e.Label)
		}
		b, err := json.Marshal(nonNil(e.Features))
		if err != nil {
			return err
		}
		feats[i] = string(b)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.dialect == postgres {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, spamEventLock); err != nil {
				return err
			}
		}
		for i, e := range evs {
			if err := tx.QueryRowContext(ctx, `INSERT INTO spam_events (label, features, source, created_at)
				VALUES ($1, $2, $3, $4) RETURNING id`,
				e.Label, feats[i], e.Source, toMicros(now)).Scan(&e.ID); err != nil {
				return err
			}
			e.Created = now
		}
		return nil
	})
}

// SpamEventsAfter returns up to limit events with ids above after, oldest
// first.
func (s *Store) SpamEventsAfter(ctx context.Context, after int64, limit int) ([]SpamEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, features, source, created_at
		FROM spam_events WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []SpamEvent
	for rows.Next() {
		var (
			e       SpamEvent
			feats   string
			created int64
		)
		if err := rows.Scan(&e.ID, &e.Label, &feats, &e.Source, &created); err != nil {
			return nil, s.mapErr(err)
		}
		if err := json.Unmarshal([]byte(feats), &e.Features); err != nil {
			return nil, fmt.Errorf("spam event %d: features: %w", e.ID, err)
		}
		e.Created = fromMicros(created)
		out = append(out, e)
	}
	return out, s.mapErr(rows.Err())
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
