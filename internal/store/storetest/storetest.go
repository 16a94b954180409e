// Package storetest gives tests a fresh, migrated store on SQLite always and
// on PostgreSQL when MASTHEAD_TEST_POSTGRES holds a DSN, so every test that
// touches the database runs on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"masthead/internal/store"
)

// EnvPostgres names the variable holding the PostgreSQL DSN for tests.
const EnvPostgres = "MASTHEAD_TEST_POSTGRES"

// Each runs fn once per available dialect, as subtests named after it.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, u := range URLs(t) {
		t.Run(u.Dialect, func(t *testing.T) {
			fn(t, Open(t, u.URL))
		})
	}
}

// DB is an empty database for one test.
type DB struct {
	Dialect string // "sqlite" or "postgres"
	URL     string
}

// URLs makes one empty database per dialect and drops them when the test
// ends. A PostgreSQL database is a schema of its own inside the DSN's
// database, reached through search_path: cheap to make, no cross-talk.
func URLs(t *testing.T) []DB {
	t.Helper()
	dbs := []DB{{Dialect: "sqlite", URL: "sqlite:" + filepath.Join(t.TempDir(), "masthead.db")}}
	dsn := os.Getenv(EnvPostgres)
	if dsn == "" {
		return dbs
	}
	schema := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open %s: %v", EnvPostgres, err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema on %s: %v", EnvPostgres, err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return append(dbs, DB{Dialect: "postgres", URL: u.String()})
}

// Open opens and migrates the database at url, closing it when the test ends.
func Open(t *testing.T, url string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
