package syndication

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// concurrencyServer serves a feed slowly and records how many requests
// were in flight at once, per path and in all.
type concurrencyServer struct {
	*httptest.Server
	mu                 sync.Mutex
	inFlight           map[string]int
	maxPerPath, maxAll int
	all                int
	served             map[string]int
}

func newConcurrencyServer(t *testing.T, body []byte) *concurrencyServer {
	cs := &concurrencyServer{inFlight: map[string]int{}, served: map[string]int{}}
	cs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cs.mu.Lock()
		cs.inFlight[r.URL.Path]++
		cs.all++
		cs.maxPerPath = max(cs.maxPerPath, cs.inFlight[r.URL.Path])
		cs.maxAll = max(cs.maxAll, cs.all)
		cs.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(body)
		cs.mu.Lock()
		cs.inFlight[r.URL.Path]--
		cs.all--
		cs.served[r.URL.Path]++
		cs.mu.Unlock()
	}))
	t.Cleanup(cs.Close)
	return cs
}

// Two instances running the poller on one database never poll the same
// source at the same time, and each keeps to its per-host limit.
func TestPollerRunInstances(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) { runInstances(t, db.URL) })
	}
}

func runInstances(t *testing.T, dbURL string) {
	st := storetest.Open(t, dbURL)
	{
		body := tcAtom(tcEntry{id: 7001, title: "Story", body: "<p>x</p>", updated: firstVersion})
		cs := newConcurrencyServer(t, body)
		var ids []int64
		for i := range 4 {
			src := addSource(t, st, fmt.Sprintf("Source %d", i), fmt.Sprintf("%s/feed-%d.atom", cs.URL, i), store.ModeInbox)
			// Due again at once after every poll, so the instances contend.
			src.Interval = 0
			if err := st.UpdateSource(context.Background(), src); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, src.ID)
		}
		other := storetest.Open(t, dbURL) // the second instance's own connection pool
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, s := range []*store.Store{st, other} {
			p := NewPoller(s, PollerConfig{Workers: 4, PerHost: 1, Tick: 5 * time.Millisecond})
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = p.Run(ctx)
			}()
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			cs.mu.Lock()
			done := true
			for i := range ids {
				done = done && cs.served[fmt.Sprintf("/feed-%d.atom", i)] >= 3
			}
			cs.mu.Unlock()
			if done || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		stopped := make(chan struct{})
		go func() { wg.Wait(); close(stopped) }()
		select {
		case <-stopped:
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after cancel")
		}
		for _, err := range errs {
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v, want context.Canceled", err)
			}
		}
		cs.mu.Lock()
		defer cs.mu.Unlock()
		if cs.maxPerPath != 1 {
			t.Errorf("a source was polled by %d pollers at once", cs.maxPerPath)
		}
		if cs.maxAll > 2 {
			t.Errorf("%d requests to one host at once from two instances limited to 1 each", cs.maxAll)
		}
		for i := range ids {
			if n := cs.served[fmt.Sprintf("/feed-%d.atom", i)]; n < 3 {
				t.Errorf("source %d polled %d times", i, n)
			}
		}
		for _, id := range ids {
			if src, _ := st.SourceByID(context.Background(), id); src.Poll.LastError != "" {
				t.Errorf("source %d: %s", id, src.Poll.LastError)
			}
		}
		// The inbox has each source's story once, and no lease is left behind.
		inbox, _ := st.Inbox(context.Background())
		if len(inbox) != 1 {
			t.Errorf("inbox holds %d stories; the same story from four sources is one", len(inbox))
		}
		now := time.Now()
		for _, id := range ids {
			if _, err := st.LeaseSource(context.Background(), id, "check", now, now.Add(time.Minute)); err != nil {
				t.Errorf("source %d after shutdown: %v", id, err)
			}
		}
	}
}
