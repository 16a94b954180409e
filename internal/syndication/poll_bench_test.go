package syndication

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/store"
)

// Polling costs, on SQLite (the default store):
//
//	go test -run '^$' -bench Poll -benchmem ./internal/syndication
//
// import: a new 50-entry feed, 17 KB per entry, fetched from a local
// server, parsed, sanitized, checked against the source's rules and
// stored in the inbox; 304: the same feed polled again, unchanged.

const benchEntries = 50

func benchStore(b *testing.B) *store.Store {
	b.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return st
}

// benchFeed is a feed of 50 stories of about 17 KB each, ids from first.
func benchFeed(first int) []byte {
	para := "<p>" + strings.Repeat("Islamic State Khorasan has long proclaimed its intention of striking Russia. ", 6) + "</p>\n"
	body := `<figure><img src="https://images.theconversation.com/files/1/lead.jpg" alt="a map"><figcaption><span class="caption">A map.</span> <span class="attribution">Shutterstock</span></figcaption></figure>` +
		strings.Repeat(para, 17*1024/len(para))
	entries := make([]tcEntry, benchEntries)
	for i := range entries {
		entries[i] = tcEntry{id: first + i, title: fmt.Sprintf("Story number %d", first+i), body: body, updated: firstVersion}
	}
	return tcAtom(entries...)
}

func BenchmarkPollImport(b *testing.B) {
	st := benchStore(b)
	srv := newFeedServer(b)
	p := NewPoller(st, PollerConfig{})
	var bytes int
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := fmt.Sprintf("/feed-%d.atom", i)
		feed := benchFeed(1_000_000 + i*benchEntries)
		bytes = len(feed)
		srv.set(path, "application/atom+xml", feed)
		src := addSource(b, st, "The Conversation", srv.URL+path, store.ModeInbox,
			func(s *store.Source) { s.HomeURL = "https://theconversation.com" })
		b.StartTimer()
		if rep := pollOne(b, p, src.ID); rep.Err != nil || rep.New != benchEntries {
			b.Fatalf("poll: %+v", rep)
		}
	}
	b.ReportMetric(float64(bytes)/benchEntries/1024, "KB/entry")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/feed")
}

func BenchmarkPoll304(b *testing.B) {
	st := benchStore(b)
	srv := newFeedServer(b)
	srv.set("/feed.atom", "application/atom+xml", benchFeed(2_000_000))
	src := addSource(b, st, "The Conversation", srv.URL+"/feed.atom", store.ModeInbox,
		func(s *store.Source) { s.HomeURL = "https://theconversation.com" })
	p := NewPoller(st, PollerConfig{})
	if rep := pollOne(b, p, src.ID); rep.Err != nil || rep.New != benchEntries {
		b.Fatalf("first poll: %+v", rep)
	}
	for b.Loop() {
		if rep := pollOne(b, p, src.ID); rep.Err != nil || !rep.NotModified {
			b.Fatalf("re-poll: %+v", rep)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/poll")
}

// A server that ignores validators sends the whole unchanged feed again:
// the cost of finding that nothing changed.
func BenchmarkPollUnchanged200(b *testing.B) {
	st := benchStore(b)
	feed := benchFeed(3_000_000)
	srv := newFeedServer(b)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(feed)
	})
	src := addSource(b, st, "The Conversation", srv.URL+"/feed.atom", store.ModeInbox,
		func(s *store.Source) { s.HomeURL = "https://theconversation.com" })
	p := NewPoller(st, PollerConfig{})
	pollOne(b, p, src.ID)
	for b.Loop() {
		if rep := pollOne(b, p, src.ID); rep.Err != nil || rep.Unchanged != benchEntries {
			b.Fatalf("re-poll: %+v", rep)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/poll")
}
