// Package akismet serves masthead's spam filter through the Akismet REST
// API, so WordPress, forums and any Akismet client can use it by pointing
// at this server instead of rest.akismet.com.
//
// comment-check is the hot path and does no I/O: the key is looked up in
// memory, rate-limited in memory, the comment scored by the in-memory
// filter and the call counted in memory. Counters reach the database on
// Flush, which Run calls every second and once more when it stops.
package akismet

import (
	"bytes"
	"context"
	"errors"
	"hash/maphash"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"masthead/internal/filter"
	"masthead/internal/store"
)

// KeyStore is what the API needs of the store.
type KeyStore interface {
	APIKeys(ctx context.Context) ([]store.APIKey, error)
	APIKey(ctx context.Context, key string) (*store.APIKey, error)
	AddAPIKeyUsage(ctx context.Context, deltas []store.APIKeyUsage) error
	APIKeyMonth(ctx context.Context, key, month string) (store.APIKeyCounts, error)
}

// Intervals of Run.
const (
	FlushInterval   = time.Second      // counters to the database
	RefreshInterval = 10 * time.Second // keys from the database: new, revoked, changed limits
)

// Handler serves the Akismet API. Mount it with Routes, and run Run beside
// the server so counts reach the database.
type Handler struct {
	filter   *filter.Filter
	keys     *keyring
	verdicts *verdictCache
	log      *slog.Logger
	now      func() time.Time
	seed     maphash.Seed // for the hashes that identify a comment across calls
	mux      *http.ServeMux
	bufs     sync.Pool // *bytes.Buffer for request bodies
	headers  headerValues
}

// New returns the API over f and the keys in ks. logger may be nil.
func New(f *filter.Filter, ks KeyStore, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{
		filter:   f,
		verdicts: newVerdictCache(),
		log:      logger,
		now:      time.Now,
		seed:     maphash.MakeSeed(),
		headers:  newHeaderValues(),
	}
	h.bufs.New = func() any { return new(bytes.Buffer) }
	h.keys = newKeyring(ks, logger, func() time.Time { return h.now() })
	h.mux = http.NewServeMux()
	h.Routes(h.mux)
	return h
}

// Routes registers the API's endpoints on mux, for GET and POST alike as
// Akismet accepts both. Patterns carry their methods so that they compose
// with a site's "GET /…" patterns on one mux without conflict.
func (h *Handler) Routes(mux *http.ServeMux) {
	for path, e := range map[string]endpoint{
		"/1.1/verify-key":    h.verifyKey,
		"/1.1/comment-check": h.commentCheck,
		"/1.1/submit-spam":   h.submitSpam,
		"/1.1/submit-ham":    h.submitHam,
		"/1.2/usage-limit":   h.usageLimit,
		"/1.2/key-sites":     h.keySites,
	} {
		g := h.guard(e)
		mux.Handle("GET "+path, g)
		mux.Handle("POST "+path, g)
	}
}

// ServeHTTP serves the API's endpoints alone, for tests and for mounting
// under a prefix-less mux of one's own.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// Run refreshes keys and flushes counters until ctx ends, then flushes a
// last time so no count is lost at shutdown.
func (h *Handler) Run(ctx context.Context) {
	if err := h.keys.refresh(ctx); err != nil && ctx.Err() == nil {
		h.log.Warn("akismet: loading API keys failed", "err", err)
	}
	flush := time.NewTicker(FlushInterval)
	defer flush.Stop()
	refresh := time.NewTicker(RefreshInterval)
	defer refresh.Stop()
	for {
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := h.Flush(final); err != nil {
				h.log.Error("akismet: final flush of API counters failed", "err", err)
			}
			return
		case <-flush.C:
			if err := h.Flush(ctx); err != nil && !errors.Is(err, context.Canceled) {
				h.log.Warn("akismet: flushing API counters failed; will retry", "err", err)
			}
		case <-refresh.C:
			if err := h.keys.refresh(ctx); err != nil && !errors.Is(err, context.Canceled) {
				h.log.Warn("akismet: refreshing API keys failed", "err", err)
			}
		}
	}
}

// Flush writes the counts gathered since the last flush to the database.
// On failure the counts are kept for the next flush.
func (h *Handler) Flush(ctx context.Context) error { return h.keys.flush(ctx) }
