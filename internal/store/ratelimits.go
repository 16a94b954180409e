package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Rate limits kept in the database are shared by every instance. Each key
// stores one value, its theoretical arrival time (TAT, the generic cell
// rate algorithm): every event pushes it one interval later, starting from
// now when it lies in the past. A key may have burst events at once and
// earns one back every interval, like a token bucket, yet an event is one
// atomic upsert, so concurrent instances never lose a count.

// SpendRate counts one event of key, with one event earned back every
// interval.
func (s *Store) SpendRate(ctx context.Context, key string, every time.Duration, now time.Time) error {
	n, e := toMicros(now), every.Microseconds()
	_, err := s.db.ExecContext(ctx, `INSERT INTO rate_limits (key, tat) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET tat = CASE WHEN rate_limits.tat > $3 THEN rate_limits.tat ELSE $3 END + $4`,
		key, n+e, n, e)
	return s.mapErr(err)
}

// RateWait says how long key must wait before its next event is allowed,
// given burst events at once and one more every interval; zero means now.
func (s *Store) RateWait(ctx context.Context, key string, every time.Duration, burst int, now time.Time) (time.Duration, error) {
	var tat int64
	err := s.db.QueryRowContext(ctx, `SELECT tat FROM rate_limits WHERE key = $1`, key).Scan(&tat)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, s.mapErr(err)
	}
	ahead := time.Duration(tat-toMicros(now)) * time.Microsecond
	return max(0, ahead-time.Duration(max(burst, 1)-1)*every), nil
}

// ResetRate forgets key's events, as a successful sign-in does for its
// account.
func (s *Store) ResetRate(ctx context.Context, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM rate_limits WHERE key = $1`, key)
	return s.mapErr(err)
}

// DeleteSpentRates removes the keys whose events have all been earned back:
// they limit nothing, and would only grow the table.
func (s *Store) DeleteSpentRates(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM rate_limits WHERE tat <= $1`, toMicros(now))
	if err != nil {
		return 0, s.mapErr(err)
	}
	n, err := res.RowsAffected()
	return n, s.mapErr(err)
}
