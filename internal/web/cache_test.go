package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestCacheHeadersETagGzipHead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())
		for _, p := range []string{a.Path(), "/", "/feed/", "/sitemap.xml"} {
			t.Run(p, func(t *testing.T) {
				res, plain := do(t, s, "GET", p)
				etag := res.Header.Get("ETag")
				if res.StatusCode != 200 || !strings.HasPrefix(etag, `"`) || res.Header.Get("Vary") != "Accept-Encoding" ||
					res.Header.Get("Content-Length") != itoaLen(plain) || res.Header.Get("Content-Encoding") != "" {
					t.Fatalf("plain GET: %d etag %q vary %q length %q", res.StatusCode, etag, res.Header.Get("Vary"), res.Header.Get("Content-Length"))
				}
				renders := s.renders.Load()

				res, body := do(t, s, "GET", p, "If-None-Match", etag)
				if res.StatusCode != http.StatusNotModified || len(body) != 0 || res.Header.Get("ETag") != etag {
					t.Errorf("If-None-Match: %d, %d bytes", res.StatusCode, len(body))
				}
				if res, _ := do(t, s, "GET", p, "If-None-Match", `"other", W/`+etag); res.StatusCode != http.StatusNotModified {
					t.Errorf("weak tag in a list: %d, want 304", res.StatusCode)
				}
				if res, _ := do(t, s, "GET", p, "If-None-Match", `"other"`); res.StatusCode != http.StatusOK {
					t.Errorf("other tag: %d, want 200", res.StatusCode)
				}

				res, zipped := do(t, s, "GET", p, "Accept-Encoding", "br;q=1.0, gzip;q=0.8")
				if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("ETag") == etag || res.Header.Get("Content-Length") != itoaLen(zipped) {
					t.Fatalf("gzip GET: encoding %q etag %q", res.Header.Get("Content-Encoding"), res.Header.Get("ETag"))
				}
				zr, err := gzip.NewReader(bytes.NewReader(zipped))
				if err != nil {
					t.Fatal(err)
				}
				unzipped, _ := io.ReadAll(zr)
				if !bytes.Equal(unzipped, plain) || len(zipped) >= len(plain) {
					t.Errorf("gzip body (%d bytes) does not unzip to the page (%d bytes)", len(zipped), len(plain))
				}
				if res, _ := do(t, s, "GET", p, "Accept-Encoding", "gzip;q=0, identity"); res.Header.Get("Content-Encoding") != "" {
					t.Error("gzip sent although refused with q=0")
				}

				res, body = do(t, s, "HEAD", p)
				if res.StatusCode != 200 || len(body) != 0 || res.Header.Get("Content-Length") != itoaLen(plain) {
					t.Errorf("HEAD: %d, %d bytes, length %q", res.StatusCode, len(body), res.Header.Get("Content-Length"))
				}
				if n := s.renders.Load() - renders; n != 0 {
					t.Errorf("%d renders after the first: the cache did not answer", n)
				}
			})
		}
	})
}

func itoaLen(b []byte) string { return strconv.Itoa(len(b)) }

// TestOneRenderForManyMisses sends 64 requests at once for a page not yet
// cached: one render must serve them all.
func TestOneRenderForManyMisses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())
		var wg sync.WaitGroup
		start := make(chan struct{})
		codes := make([]int, 64)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res, body := do(t, s, "GET", a.Path())
				codes[i] = res.StatusCode
				if !bytes.Contains(body, []byte("Leave a comment")) {
					codes[i] = -1
				}
			}()
		}
		close(start)
		wg.Wait()
		for i, c := range codes {
			if c != 200 {
				t.Fatalf("request %d: %d", i, c)
			}
		}
		if n := s.renders.Load(); n != 1 {
			t.Errorf("%d renders for 64 concurrent misses, want 1", n)
		}
	})
}

// TestAnotherWriterInvalidates changes the story through a second store
// handle, as the CLI or another instance would: the running server must
// keep its cached page until Watch sees the change, then show the new one
// within a second.
func TestAnotherWriterInvalidates(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			st, other := storetest.Open(t, db.URL), storetest.Open(t, db.URL)
			a := save(t, st, referenceArticle(t, ""))
			s := newServer(t, st, testConfig())
			if h := headline(t, s, a.Path()); h != refHeadline {
				t.Fatalf("first h1 = %q", h)
			}

			fixed := referenceArticle(t, "")
			fixed.Headline = "Corrected: " + refHeadline
			fixed.Updated = fixed.Updated.Add(time.Hour)
			save(t, other, fixed)
			if h := headline(t, s, a.Path()); h != refHeadline {
				t.Fatalf("without Watch the cached page changed to %q: the page was not cached", h)
			}

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go s.Watch(ctx)
			time.Sleep(300 * time.Millisecond)
			if h := headline(t, s, a.Path()); h != fixed.Headline {
				t.Fatalf("Watch did not drop the stale page: h1 = %q", h)
			}
			// The corrected page is cached now; a second change must replace it.
			start := time.Now()
			fixed.Headline = "Corrected twice: " + refHeadline
			fixed.Updated = fixed.Updated.Add(time.Hour)
			save(t, other, fixed)
			for {
				h := headline(t, s, a.Path())
				if h == fixed.Headline {
					break
				}
				if time.Since(start) > time.Second {
					t.Fatalf("after %v the page still shows %q", time.Since(start), h)
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Logf("change visible after %v", time.Since(start).Round(time.Millisecond))
		})
	}
}

func headline(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	return text(one(t, get(t, h, path), "h1", tag("h1")))
}

func TestPageCacheBoundsAndGenerations(t *testing.T) {
	c := newPageCache(10000)
	page := func(n int) *entry { return &entry{body: make([]byte, n)} } // size() = n + 256
	for i := range 20 {
		c.put(strconv.Itoa(i), page(744), c.generation())
		if c.bytes > c.max {
			t.Fatalf("after %d puts the cache holds %d bytes, over its bound %d", i+1, c.bytes, c.max)
		}
	}
	if n := len(c.pages); n == 0 || n > 10 {
		t.Errorf("%d pages of 1000 bytes kept under a 10000-byte bound", n)
	}
	c.put("huge", page(5000), c.generation())
	if c.get("huge") != nil {
		t.Error("an entry over a quarter of the bound was kept")
	}
	gen := c.generation()
	c.drop()
	if len(c.pages) != 0 || c.bytes != 0 {
		t.Errorf("drop left %d pages, %d bytes", len(c.pages), c.bytes)
	}
	c.put("stale", page(10), gen)
	if c.get("stale") != nil {
		t.Error("a page rendered before a drop was kept after it")
	}
}

func TestPageCacheSurvivesPanickingRender(t *testing.T) {
	c := newPageCache(1 << 20)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.load(ctx, "/boom/", func() (*entry, error) { panic("template bug") })
	if err == nil || !strings.Contains(err.Error(), "template bug") || ctx.Err() != nil {
		t.Fatalf("panicking render: err = %v (ctx %v)", err, ctx.Err())
	}
	e, err := c.load(ctx, "/boom/", func() (*entry, error) { return newEntry([]byte("fine"), "text/plain", nil), nil })
	if err != nil || string(e.body) != "fine" {
		t.Errorf("render after a panic: %v", err)
	}
}

func TestInvalidate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())
		headline(t, s, a.Path())
		fixed := referenceArticle(t, "")
		fixed.Headline = "Corrected"
		fixed.Updated = fixed.Updated.Add(time.Hour)
		save(t, st, fixed)
		if h := headline(t, s, a.Path()); h != refHeadline {
			t.Fatalf("page not cached: %q", h)
		}
		s.Invalidate()
		if h := headline(t, s, a.Path()); h != "Corrected" {
			t.Errorf("after Invalidate h1 = %q", h)
		}
	})
}
