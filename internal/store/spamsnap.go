package store

import (
	"context"
	"database/sql"
	"time"
)

// SpamSnapshot is the spam filter's model after every event of the
// learning log up to LastEventID, in the model's own binary form.
type SpamSnapshot struct {
	ID          int64
	LastEventID int64
	Created     time.Time
	Data        []byte
}

// SaveSpamSnapshot stores a snapshot of the model at lastEventID and drops
// the snapshots it supersedes: only the one with the greatest
// LastEventID is kept (a slower instance's older snapshot drops itself).
func (s *Store) SaveSpamSnapshot(ctx context.Context, lastEventID int64, data []byte) (*SpamSnapshot, error) {
	snap := &SpamSnapshot{LastEventID: lastEventID, Created: s.now().UTC().Truncate(time.Microsecond), Data: data}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO spam_snapshots (last_event_id, created_at, data)
			VALUES ($1, $2, $3) RETURNING id`, lastEventID, toMicros(snap.Created), data).Scan(&snap.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM spam_snapshots WHERE id <> (
			SELECT id FROM spam_snapshots ORDER BY last_event_id DESC, id DESC LIMIT 1)`)
		return err
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// LatestSpamSnapshot returns the snapshot with the greatest LastEventID,
// or ErrNotFound.
func (s *Store) LatestSpamSnapshot(ctx context.Context) (*SpamSnapshot, error) {
	var (
		snap    SpamSnapshot
		created int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, last_event_id, created_at, data FROM spam_snapshots
		ORDER BY last_event_id DESC, id DESC LIMIT 1`).Scan(&snap.ID, &snap.LastEventID, &created, &snap.Data)
	if err != nil {
		return nil, s.mapErr(err)
	}
	snap.Created = fromMicros(created)
	return &snap, nil
}

// LatestSpamSnapshotEvent returns the LastEventID of the latest snapshot,
// 0 when there is none: a cheap look whether events may have been
// deleted.
func (s *Store) LatestSpamSnapshotEvent(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(last_event_id), 0) FROM spam_snapshots`).Scan(&id)
	return id, s.mapErr(err)
}

// DeleteSpamEventsThrough deletes the learning events with ids up to
// through, but never past the latest snapshot's LastEventID: only events a
// snapshot holds may go. It returns how many it deleted.
func (s *Store) DeleteSpamEventsThrough(ctx context.Context, through int64) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM spam_events WHERE id <= $1
		AND id <= (SELECT COALESCE(MAX(last_event_id), 0) FROM spam_snapshots)`, through)
	if err != nil {
		return 0, s.mapErr(err)
	}
	n, err := res.RowsAffected()
	return n, s.mapErr(err)
}
