package store

import (
	"context"
	"database/sql"
	"fmt"
)

// APIKeyUsage is what one key's calls came to in one calendar month (UTC),
// Month written "2006-01".
type APIKeyUsage struct {
	Key    string
	Month  string
	Counts APIKeyCounts
}

// AddAPIKeyUsage adds counts to the keys' lifetime totals and to their
// months, in one transaction. It is how the API's in-memory counters are
// flushed, so it takes many keys at once. Counts for a key that no longer
// exists are dropped.
func (s *Store) AddAPIKeyUsage(ctx context.Context, deltas []APIKeyUsage) error {
	for _, d := range deltas {
		if !ValidMonth(d.Month) {
			return fmt.Errorf("usage month %q: want YYYY-MM", d.Month)
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, d := range deltas {
			if d.Counts.IsZero() {
				continue
			}
			c := d.Counts
			res, err := tx.ExecContext(ctx, `UPDATE api_keys SET calls = calls + $2, spam = spam + $3,
				ham = ham + $4, missed_spam = missed_spam + $5, false_positives = false_positives + $6
				WHERE key = $1`, d.Key, c.Calls, c.Spam, c.Ham, c.MissedSpam, c.FalsePositives)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO api_key_usage
				(key, month, calls, spam, ham, missed_spam, false_positives)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (key, month) DO UPDATE SET
				calls = api_key_usage.calls + excluded.calls,
				spam = api_key_usage.spam + excluded.spam,
				ham = api_key_usage.ham + excluded.ham,
				missed_spam = api_key_usage.missed_spam + excluded.missed_spam,
				false_positives = api_key_usage.false_positives + excluded.false_positives`,
				d.Key, d.Month, c.Calls, c.Spam, c.Ham, c.MissedSpam, c.FalsePositives); err != nil {
				return err
			}
		}
		return nil
	})
}

// APIKeyMonth returns what a key's calls came to in one month; a month
// without calls is zero counts, not an error.
func (s *Store) APIKeyMonth(ctx context.Context, key, month string) (APIKeyCounts, error) {
	var c APIKeyCounts
	err := s.db.QueryRowContext(ctx, `SELECT calls, spam, ham, missed_spam, false_positives
		FROM api_key_usage WHERE key = $1 AND month = $2`, key, month).
		Scan(&c.Calls, &c.Spam, &c.Ham, &c.MissedSpam, &c.FalsePositives)
	if err == sql.ErrNoRows {
		return APIKeyCounts{}, nil
	}
	return c, s.mapErr(err)
}

// ValidMonth reports whether m is a month written "2006-01".
func ValidMonth(m string) bool {
	if len(m) != 7 || m[4] != '-' {
		return false
	}
	for i, c := range []byte(m) {
		if i != 4 && (c < '0' || c > '9') {
			return false
		}
	}
	mm := (m[5]-'0')*10 + m[6] - '0'
	return mm >= 1 && mm <= 12
}
