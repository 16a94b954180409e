package akismet

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"masthead/internal/store"
)

// Limits of the key lookups that reach the database: a flood of made-up
// keys must cost memory lookups, not queries.
const (
	unknownTTL      = time.Minute // a key the database did not know stays unknown this long
	maxUnknown      = 10000       // unknown keys remembered; the set is emptied when full
	missesPerMinute = 600         // database lookups of keys not in memory, all keys together
	maxKeyLen       = 64
)

// apiKey is a key as the API holds it: settings refreshed from the
// database, and its own rate limiter and pending counts.
type apiKey struct {
	key       string
	conf      atomic.Pointer[keyConf]
	limiter   bucket
	pending   counters
	throttled atomic.Int64 // Unix nanoseconds of the last throttled call
}

// keyConf is what the database says of a key.
type keyConf struct {
	site      string
	rateLimit int
	revoked   bool
}

// keyring caches every key in memory. Reads take no lock: the map is
// replaced, never changed, when a key is added or the keys refreshed.
type keyring struct {
	store KeyStore
	log   *slog.Logger
	now   func() time.Time
	known atomic.Pointer[map[string]*apiKey]

	mu      sync.Mutex // serializes writers of known; guards unknown and misses
	unknown map[string]time.Time
	misses  bucket
}

func newKeyring(ks KeyStore, logger *slog.Logger, now func() time.Time) *keyring {
	k := &keyring{store: ks, log: logger, now: now, unknown: map[string]time.Time{}}
	k.known.Store(&map[string]*apiKey{})
	return k
}

// normalizeKey lower-cases a key (hosts are case-insensitive, so clients
// that put the key in the Host may change its case) and reports whether it
// can be a key at all: only such strings are looked up or remembered.
func normalizeKey(s string) (string, bool) {
	if s == "" || len(s) > maxKeyLen {
		return "", false
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		upper = upper || 'A' <= c && c <= 'Z'
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", false
		}
	}
	if upper {
		s = strings.ToLower(s) // ASCII only by now
	}
	return s, true
}

// hostKey returns the key that clients put in the Host as its first label
// ("KEY.rest.akismet.com"): only for names of three labels or more, never
// for an IP address.
func hostKey(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if strings.Count(host, ".") < 2 || net.ParseIP(host) != nil {
		return ""
	}
	first, _, _ := strings.Cut(host, ".")
	return first
}

// lookup returns the key, or nil when it is unknown (or cannot be told
// now). Known keys come from memory; others are looked up in the database
// within a budget, and remembered either way.
func (k *keyring) lookup(ctx context.Context, key string) *apiKey {
	if a := (*k.known.Load())[key]; a != nil {
		return a
	}
	now := k.now()
	k.mu.Lock()
	if until, ok := k.unknown[key]; ok && now.Before(until) {
		k.mu.Unlock()
		return nil
	}
	allowed, _ := k.misses.allow(now, missesPerMinute)
	k.mu.Unlock()
	if !allowed {
		return nil
	}
	row, err := k.store.APIKey(ctx, key)
	switch {
	case errors.Is(err, store.ErrNotFound):
		k.mu.Lock()
		if len(k.unknown) >= maxUnknown {
			clear(k.unknown)
		}
		k.unknown[key] = now.Add(unknownTTL)
		k.mu.Unlock()
		return nil
	case err != nil:
		k.log.Warn("akismet: looking up an API key failed", "err", err)
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.add(row)
}

// add puts a key read from the database into known, keeping the existing
// entry (and its limiter and counts) if there is one. Callers hold mu.
func (k *keyring) add(row *store.APIKey) *apiKey {
	old := *k.known.Load()
	if a := old[row.Key]; a != nil {
		a.conf.Store(&keyConf{site: row.Site, rateLimit: row.RateLimit, revoked: row.Revoked})
		return a
	}
	a := &apiKey{key: row.Key}
	a.conf.Store(&keyConf{site: row.Site, rateLimit: row.RateLimit, revoked: row.Revoked})
	next := make(map[string]*apiKey, len(old)+1)
	for name, v := range old {
		next[name] = v
	}
	next[row.Key] = a
	k.known.Store(&next)
	delete(k.unknown, row.Key)
	return a
}

// refresh reloads every key, so keys added by another process, revoked,
// or given another rate limit take effect.
func (k *keyring) refresh(ctx context.Context) error {
	rows, err := k.store.APIKeys(ctx)
	if err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	old := *k.known.Load()
	next := make(map[string]*apiKey, len(rows))
	for i := range rows {
		row := &rows[i]
		a := old[row.Key]
		if a == nil {
			a = &apiKey{key: row.Key}
		}
		a.conf.Store(&keyConf{site: row.Site, rateLimit: row.RateLimit, revoked: row.Revoked})
		next[row.Key] = a
		delete(k.unknown, row.Key)
	}
	// A key gone from the database keeps its pending counts until they
	// are flushed (the store drops them), so keep it out of lookups only.
	for name, a := range old {
		if next[name] == nil {
			a.conf.Store(&keyConf{revoked: true})
			if !a.pending.snapshot().IsZero() {
				next[name] = a
			}
		}
	}
	k.known.Store(&next)
	return nil
}
