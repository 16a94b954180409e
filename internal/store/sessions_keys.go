package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// AuthKey returns the 32-byte random key stored under name, making it on
// first use. Every instance on the same database gets the same key, so a
// token one instance signs, another accepts.
func (s *Store) AuthKey(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	// Two instances starting together may both insert; the first wins and
	// both read back the same row.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO auth_keys (name, value, created_at)
		VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
		name, hex.EncodeToString(fresh), toMicros(s.now())); err != nil {
		return nil, s.mapErr(err)
	}
	var value string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM auth_keys WHERE name = $1`, name).Scan(&value); err != nil {
		return nil, s.mapErr(err)
	}
	key, err := hex.DecodeString(value)
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("auth key %q is damaged", name)
	}
	return key, nil
}
