package store

import (
	"context"
	"time"
)

// EraseOldIPs blanks the IP address of comments made before the time, for
// the ip_retention_days promise, and returns how many it erased. IPs are
// not public, so cached pages stay valid.
func (s *Store) EraseOldIPs(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE comments SET ip = '' WHERE ip <> '' AND created_at < $1`,
		toMicros(before))
	if err != nil {
		return 0, s.mapErr(err)
	}
	return res.RowsAffected()
}

// PurgeDiscarded deletes comments the filter discarded before the time:
// they were kept only so the filter could learn from them for a while.
func (s *Store) PurgeDiscarded(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM comments WHERE status = 'discard' AND created_at < $1`,
		toMicros(before))
	if err != nil {
		return 0, s.mapErr(err)
	}
	return res.RowsAffected()
}
