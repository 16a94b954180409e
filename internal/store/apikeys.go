package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// APIKey is a key of the Akismet-compatible API and what it has done.
type APIKey struct {
	Key       string
	Site      string // the site the key was issued for
	RateLimit int    // calls a minute; 0 = no limit
	Revoked   bool
	Created   time.Time
	Counts    APIKeyCounts // lifetime totals
}

// APIKeyCounts are what a key's calls came to. MissedSpam counts
// submit-spam on a comment the filter had called ham; FalsePositives
// submit-ham on one it had called spam.
type APIKeyCounts struct {
	Calls, Spam, Ham, MissedSpam, FalsePositives int64
}

// Add returns the sum of c and d.
func (c APIKeyCounts) Add(d APIKeyCounts) APIKeyCounts {
	return APIKeyCounts{c.Calls + d.Calls, c.Spam + d.Spam, c.Ham + d.Ham,
		c.MissedSpam + d.MissedSpam, c.FalsePositives + d.FalsePositives}
}

// IsZero reports whether nothing was counted.
func (c APIKeyCounts) IsZero() bool { return c == APIKeyCounts{} }

const apiKeyColumns = `key, site, rate_limit, revoked, created_at,
	calls, spam, ham, missed_spam, false_positives`

func scanAPIKey(row interface{ Scan(...any) error }) (*APIKey, error) {
	var (
		k       APIKey
		created int64
	)
	err := row.Scan(&k.Key, &k.Site, &k.RateLimit, &k.Revoked, &created,
		&k.Counts.Calls, &k.Counts.Spam, &k.Counts.Ham, &k.Counts.MissedSpam, &k.Counts.FalsePositives)
	if err != nil {
		return nil, err
	}
	k.Created = fromMicros(created)
	return &k, nil
}

// CreateAPIKey stores a new key with zero counts; Created is set on
// return. A key already taken is ErrConflict.
func (s *Store) CreateAPIKey(ctx context.Context, k *APIKey) error {
	if k.Key == "" || k.Site == "" || k.RateLimit < 0 {
		return errors.New("an API key needs a key, a site and a rate limit of 0 or more")
	}
	k.Created = s.now().UTC().Truncate(time.Microsecond)
	k.Counts = APIKeyCounts{}
	_, err := s.db.ExecContext(ctx, `INSERT INTO api_keys (key, site, rate_limit, revoked, created_at)
		VALUES ($1, $2, $3, $4, $5)`, k.Key, k.Site, k.RateLimit, k.Revoked, toMicros(k.Created))
	return s.mapErr(err)
}

// APIKey returns one key, or ErrNotFound.
func (s *Store) APIKey(ctx context.Context, key string) (*APIKey, error) {
	k, err := scanAPIKey(s.db.QueryRowContext(ctx,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE key = $1`, key))
	return k, s.mapErr(err)
}

// APIKeys returns every key, oldest first.
func (s *Store) APIKeys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys ORDER BY created_at, key`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, *k)
	}
	return out, s.mapErr(rows.Err())
}

// SetAPIKeyRevoked revokes a key or restores it; an unknown key is
// ErrNotFound.
func (s *Store) SetAPIKeyRevoked(ctx context.Context, key string, revoked bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked = $2 WHERE key = $1`, key, revoked)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return sql.ErrNoRows
		}
		return nil
	})
}
