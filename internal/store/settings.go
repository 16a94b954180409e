package store

import (
	"context"
	"database/sql"
)

// Settings returns the stored settings. Validation and defaults belong to
// their owners (comment.Settings); the store keeps strings.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, s.mapErr(err)
		}
		out[k] = v
	}
	return out, s.mapErr(rows.Err())
}

// SetSetting stores one setting, already validated by its owner, and marks
// the change: settings such as comments_per_page change what pages show.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			key, value, toMicros(s.now())); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// DeleteSetting removes a stored setting, so its default applies again.
func (s *Store) DeleteSetting(ctx context.Context, key string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}
