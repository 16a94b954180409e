package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// entry is one response ready to send: the bytes, their gzip, and every
// header value prebuilt so that serving it allocates nothing. Entries are
// immutable once made and shared by all requests.
type entry struct {
	body, gz []byte

	contentType  []string
	cacheControl []string
	etag, etagGz string // quoted, for comparison with If-None-Match
	etagH        []string
	etagGzH      []string
	lengthH      []string
	lengthGzH    []string
	vary         []string
	encodingGzip []string
	noSniff      []string

	// comments marks an article page with its comment section. Its form's
	// page token ages (and comments may close by age), so the page goes
	// stale after a while; it goes out with the form-seen cookie; and a
	// reader with held comments is sent past it to the article handler.
	comments  bool
	stale     *atomic.Bool // set by a timer; nil for entries that keep
	articleID int64
}

// newEntry compresses body once, at the best level (it is sent many times),
// and names it with a strong ETag. The gzip form gets its own ETag, as a
// different representation must. Bodies too small to gain are not zipped.
func newEntry(body []byte, contentType string, cacheControl []string) *entry {
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:15])
	e := &entry{
		body:         body,
		contentType:  []string{contentType},
		cacheControl: cacheControl,
		etag:         `"` + tag + `"`,
		etagGz:       `"` + tag + `-gz"`,
		lengthH:      []string{strconv.Itoa(len(body))},
		vary:         []string{"Accept-Encoding"},
		encodingGzip: []string{"gzip"},
		noSniff:      []string{"nosniff"},
	}
	e.etagH, e.etagGzH = []string{e.etag}, []string{e.etagGz}
	if len(body) >= 512 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			e.gz = buf.Bytes()
			e.lengthGzH = []string{strconv.Itoa(len(e.gz))}
		}
	}
	return e
}

func (e *entry) size() int { return len(e.body) + len(e.gz) + 256 }

// serve writes the entry, honouring Accept-Encoding, If-None-Match and
// HEAD. Header values are assigned, not added: no canonicalising, no
// allocation.
func (e *entry) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Content-Type"] = e.contentType
	h["Cache-Control"] = e.cacheControl
	h["Vary"] = e.vary
	h["X-Content-Type-Options"] = e.noSniff
	body, etag := e.body, e.etag
	if e.gz != nil && acceptsGzip(r.Header["Accept-Encoding"]) {
		body, etag = e.gz, e.etagGz
		h["Etag"] = e.etagGzH
		h["Content-Encoding"] = e.encodingGzip
		h["Content-Length"] = e.lengthGzH
	} else {
		h["Etag"] = e.etagH
		h["Content-Length"] = e.lengthH
	}
	if inm := r.Header["If-None-Match"]; len(inm) > 0 && etagListed(inm, etag) {
		delete(h, "Content-Length")
		delete(h, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Write(body)
}

// pageCache maps a request path to its rendered entry. Reads take a read
// lock only; misses render once per key however many requests wait.
type pageCache struct {
	mu    sync.RWMutex
	pages map[string]*entry
	bytes int
	max   int
	gen   uint64 // bumped by drop; a render begun before a drop is not kept

	fmu     sync.Mutex
	flights map[string]*flight
}

type flight struct {
	done chan struct{}
	e    *entry
	err  error
}

func newPageCache(max int) *pageCache {
	return &pageCache{pages: map[string]*entry{}, max: max, flights: map[string]*flight{}}
}

// get returns the entry for key, stale or not: the hot path checks
// staleness only for the entries that can go stale.
func (c *pageCache) get(key string) *entry {
	c.mu.RLock()
	e := c.pages[key]
	c.mu.RUnlock()
	return e
}

// fresh returns the entry for key unless it is missing or stale.
func (c *pageCache) fresh(key string) *entry {
	if e := c.get(key); e != nil && !e.isStale() {
		return e
	}
	return nil
}

func (e *entry) isStale() bool { return e.stale != nil && e.stale.Load() }

// drop forgets every page and every render under way, so that no request
// after it is answered from data read before it.
func (c *pageCache) drop() {
	c.mu.Lock()
	c.pages = map[string]*entry{}
	c.bytes = 0
	c.gen++
	c.mu.Unlock()
	c.fmu.Lock()
	c.flights = map[string]*flight{}
	c.fmu.Unlock()
}

func (c *pageCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// put keeps e unless the cache was dropped since gen. When full it evicts
// entries at random (map order) down to three quarters: simpler than LRU,
// and a news site's hot pages come straight back.
func (c *pageCache) put(key string, e *entry, gen uint64) {
	n := e.size()
	if n > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if old := c.pages[key]; old != nil {
		c.bytes -= old.size()
	}
	if c.bytes+n > c.max {
		for k, v := range c.pages {
			delete(c.pages, k)
			c.bytes -= v.size()
			if c.bytes+n <= c.max*3/4 {
				break
			}
		}
	}
	c.pages[key] = e
	c.bytes += n
}

// load returns the cached entry for key or makes it with render, sharing
// one render among concurrent callers; a stale entry counts as missing.
// Only a successful render (a 200 page) is kept. A caller that gives up
// waiting gets ctx's error; the render goes on for the others.
func (c *pageCache) load(ctx context.Context, key string, render func() (*entry, error)) (*entry, error) {
	if e := c.fresh(key); e != nil {
		return e, nil
	}
	c.fmu.Lock()
	if e := c.fresh(key); e != nil { // a flight may have landed meanwhile
		c.fmu.Unlock()
		return e, nil
	}
	f, ok := c.flights[key]
	if !ok {
		f = &flight{done: make(chan struct{})}
		c.flights[key] = f
		go c.fly(key, f, render)
	}
	c.fmu.Unlock()
	select {
	case <-f.done:
		return f.e, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fly runs one render on its own goroutine, so that neither a waiter's
// cancelled request nor a panic leaves the others waiting forever.
func (c *pageCache) fly(key string, f *flight, render func() (*entry, error)) {
	gen := c.generation()
	defer func() {
		if p := recover(); p != nil {
			f.e, f.err = nil, fmt.Errorf("render %s: panic: %v", key, p)
		}
		if f.err == nil && f.e != nil {
			c.put(key, f.e, gen)
		}
		c.fmu.Lock()
		if c.flights[key] == f {
			delete(c.flights, key)
		}
		c.fmu.Unlock()
		close(f.done)
	}()
	f.e, f.err = render()
}
