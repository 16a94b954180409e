package store

import (
	"context"
	"database/sql"
)

// Version is a counter that grows with every change to what the public site
// shows. Servers poll it to drop cached pages, whichever process wrote.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, `SELECT version FROM changes WHERE id = 1`).Scan(&v)
	return v, s.mapErr(err)
}

// bump marks a change inside the writing transaction, so the new version is
// visible exactly when the change is.
func bump(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE changes SET version = version + 1 WHERE id = 1`)
	return err
}
