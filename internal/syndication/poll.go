package syndication

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"masthead/internal/store"
)

// PollStore is what the poller needs of the store.
type PollStore interface {
	Sources(ctx context.Context) ([]*store.Source, error)
	LeaseDueSources(ctx context.Context, holder string, now, until time.Time, limit int) ([]*store.Source, error)
	LeaseSource(ctx context.Context, id int64, holder string, now, until time.Time) (*store.Source, error)
	FinishPoll(ctx context.Context, id int64, holder string, st store.PollState) error
	ReleaseSource(ctx context.Context, id int64, holder string) error
	SaveEntries(ctx context.Context, sourceID int64, entries []store.Entry) ([]store.EntryResult, error)
}

// PollerConfig tunes the poller; zero fields take their defaults.
type PollerConfig struct {
	Workers  int           // sources polled at once; default 4
	PerHost  int           // of those, on one host; default 2
	Tick     time.Duration // how often to look for due sources; default 15s
	LeaseTTL time.Duration // how long a poll may hold a source; default 5m
	Fetch    FetcherConfig
	Logger   *slog.Logger     // default: discard
	Now      func() time.Time // default time.Now
}

// Poller polls due sources in the background (Run) or on demand (PollNow).
type Poller struct {
	st       PollStore
	cfg      PollerConfig
	fetcher  *Fetcher
	log      *slog.Logger
	instance string // this process, in lease tokens
	leases   atomic.Int64
	hosts    hostLimiter
	slots    chan struct{} // one per worker
}

// NewPoller returns a poller over st.
func NewPoller(st PollStore, cfg PollerConfig) *Poller {
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = 2
	}
	if cfg.Tick <= 0 {
		cfg.Tick = 15 * time.Second
	}
	if cfg.LeaseTTL <= 0 {
		cfg.LeaseTTL = 5 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fetcher := NewFetcher(cfg.Fetch)
	// A lease must outlast the longest fetch, or a slow poll could lose
	// its source to another instance halfway.
	cfg.LeaseTTL = max(cfg.LeaseTTL, 2*fetcher.cfg.Timeout+time.Minute)
	b := make([]byte, 6)
	rand.Read(b)
	return &Poller{
		st: st, cfg: cfg, fetcher: fetcher, log: log,
		instance: hex.EncodeToString(b),
		hosts:    hostLimiter{per: cfg.PerHost, slots: map[string]chan struct{}{}},
		slots:    make(chan struct{}, cfg.Workers),
	}
}

// holder is a token unique to one lease (or one batch of leases).
func (p *Poller) holder() string {
	return p.instance + "/" + strconv.FormatInt(p.leases.Add(1), 10)
}

// Run polls due sources until ctx is cancelled, then waits for the polls
// in flight (which the cancellation aborts) and returns ctx's error.
func (p *Poller) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer p.fetcher.CloseIdle() // after the workers are done (defers run last first)
	defer wg.Wait()
	done := make(chan struct{}, 1) // a worker came free
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			timer.Reset(p.cfg.Tick)
		case <-done:
		}
		free := cap(p.slots) - len(p.slots)
		if free == 0 {
			continue
		}
		now := p.cfg.Now()
		holder := p.holder()
		due, err := p.st.LeaseDueSources(ctx, holder, now, now.Add(p.cfg.LeaseTTL), free)
		if err != nil && ctx.Err() == nil {
			p.log.Error("syndication: looking for due sources", "err", err)
		}
		for _, src := range due {
			p.slots <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() {
					<-p.slots
					select {
					case done <- struct{}{}:
					default:
					}
				}()
				p.pollLeased(ctx, src, holder)
			}()
		}
	}
}

// PollNow polls the sources named (all when none is) at once, whether due
// or not, through the same worker and per-host limits, and reports on each
// in the order asked. A source another instance is polling right now is
// reported with store.ErrLeased.
func (p *Poller) PollNow(ctx context.Context, ids ...int64) ([]PollReport, error) {
	if len(ids) == 0 {
		all, err := p.st.Sources(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			ids = append(ids, s.ID)
		}
	}
	ids = unique(ids) // "poll 3 3" is one poll, not a lease conflict with itself
	reports := make([]PollReport, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		p.slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-p.slots }()
			now := p.cfg.Now()
			holder := p.holder()
			src, err := p.st.LeaseSource(ctx, id, holder, now, now.Add(p.cfg.LeaseTTL))
			if err != nil {
				reports[i] = PollReport{SourceID: id, Err: err}
				return
			}
			reports[i] = p.pollLeased(ctx, src, holder)
		}()
	}
	wg.Wait()
	return reports, nil
}

func unique(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// hostLimiter bounds the polls in flight to one host, so that many
// sources on one site do not hammer it.
type hostLimiter struct {
	per   int
	mu    sync.Mutex
	slots map[string]chan struct{}
}

func (h *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	h.mu.Lock()
	ch, ok := h.slots[host]
	if !ok {
		ch = make(chan struct{}, h.per)
		h.slots[host] = ch
	}
	h.mu.Unlock()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
