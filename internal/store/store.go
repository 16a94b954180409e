// Package store keeps masthead's data in SQLite or PostgreSQL behind one
// Store. SQL is written by hand; what differs between the two dialects is
// kept in dialect.go and in the per-dialect migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Sentinel errors. Callers test them with errors.Is; drivers' own errors
// never leave this package unwrapped.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

// Store is the one way into the database.
type Store struct {
	db      *sql.DB
	dialect dialect
	now     func() time.Time
}

// Open connects to the database a URL names: "sqlite:PATH" (or
// "sqlite://PATH", "file:PATH") or "postgres://…"/"postgresql://…".
// It checks the connection but runs no migrations.
func Open(ctx context.Context, url string) (*Store, error) {
	var (
		s   = &Store{now: time.Now}
		err error
	)
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		s.dialect = postgres
		s.db, err = sql.Open("pgx", url)
		if err == nil {
			s.db.SetMaxOpenConns(32)
			s.db.SetMaxIdleConns(32)
		}
	case strings.HasPrefix(url, "sqlite:"), strings.HasPrefix(url, "file:"):
		s.dialect = sqlite
		path := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "file:"), "//")
		if path == "" {
			return nil, fmt.Errorf("database URL %q names no file", url)
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create database directory: %w", err)
			}
		}
		s.db, err = sql.Open("sqlite", sqliteDSN(path))
		if err == nil {
			// WAL lets readers run beside the one writer; more
			// connections than that only queue on SQLite's lock.
			s.db.SetMaxOpenConns(8)
			s.db.SetMaxIdleConns(8)
			s.db.SetConnMaxLifetime(0)
		}
	default:
		return nil, fmt.Errorf("database URL %q: want sqlite:PATH or postgres://…", url)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(pingCtx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return s, nil
}

// sqliteDSN sets what every connection needs: WAL, FULL sync so an
// acknowledged write is on disk, a busy timeout instead of instant failure,
// and BEGIN IMMEDIATE so writers queue rather than deadlock on upgrade.
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"
}

// Close releases the connections.
func (s *Store) Close() error { return s.db.Close() }

// Dialect names the database kind: "sqlite" or "postgres".
func (s *Store) Dialect() string { return string(s.dialect) }

// SetClock replaces the clock, for tests.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// tx runs fn in a transaction and commits it, or rolls back on error.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.mapErr(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.mapErr(err)
	}
	return s.mapErr(tx.Commit())
}
