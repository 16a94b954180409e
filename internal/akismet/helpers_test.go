package akismet

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"masthead/internal/filter"
	"masthead/internal/filter/filtertest"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// testKey is the key every test environment starts with (rate limit 0).
const testKey = "0123456789abcdef01234567"

// env is the API mounted on a test server over a real store, with a clock
// the test moves and a model whose verdicts it can predict.
type env struct {
	t     *testing.T
	st    *store.Store
	keys  *countingStore
	model *filtertest.Model
	f     *filter.Filter
	h     *Handler
	srv   *httptest.Server
	clock *clock
}

func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) { fn(t, newEnv(t, s)) })
}

func newEnv(t *testing.T, s *store.Store) *env {
	t.Helper()
	m := filtertest.NewModel()
	e := newEnvWith(t, s, m)
	e.model = m
	return e
}

// newEnvWith is newEnv over another model; env.model is then nil.
func newEnvWith(t *testing.T, s *store.Store, m filter.Model) *env {
	t.Helper()
	e := &env{t: t, st: s, keys: &countingStore{Store: s},
		clock: &clock{t: time.Date(2026, 4, 10, 12, 0, 0, 0, time.UTC)}}
	s.SetClock(e.clock.now)
	e.f = filter.New(m, s, nil)
	e.h = New(e.f, e.keys, nil)
	e.h.now = e.clock.now
	e.srv = httptest.NewServer(e.h)
	t.Cleanup(e.srv.Close)
	if _, err := s.APIKey(context.Background(), testKey); err != nil { // a second instance finds it
		e.addKey(testKey, "https://blog.example", 0)
	}
	return e
}

func (e *env) addKey(key, site string, rateLimit int) {
	e.t.Helper()
	if err := e.st.CreateAPIKey(context.Background(), &store.APIKey{Key: key, Site: site, RateLimit: rateLimit}); err != nil {
		e.t.Fatal(err)
	}
}

// reply is what a client sees of one call.
type reply struct {
	status int
	header http.Header
	body   string
}

// call POSTs a form to path. host, when not empty, is sent as the Host
// header, as clients that put the key in the subdomain do.
func (e *env) call(path, host string, form url.Values) reply {
	e.t.Helper()
	return e.do(http.MethodPost, path, host, "application/x-www-form-urlencoded", form.Encode())
}

func (e *env) do(method, path, host, contentType, body string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

// comment is an ordinary comment with the fields comment-check requires.
func comment(extra ...string) url.Values {
	v := url.Values{
		"api_key":              {testKey},
		"blog":                 {"https://blog.example"},
		"user_ip":              {"203.0.113.7"},
		"user_agent":           {"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"},
		"permalink":            {"https://blog.example/2026/04/story/"},
		"comment_type":         {"comment"},
		"comment_author":       {"Ann Reader"},
		"comment_author_email": {"ann@reader.example"},
		"comment_content":      {"Thanks for this piece on the election, very clear."},
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			v.Del(extra[i])
		} else {
			v.Set(extra[i], extra[i+1])
		}
	}
	return v
}

// clock is a settable time source shared by the handler and the store.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	real bool // follow the wall clock, for clients that send real dates
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		return time.Now()
	}
	return c.t
}

func (c *clock) useRealTime() {
	c.mu.Lock()
	c.real = true
	c.mu.Unlock()
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// countingStore counts the key lookups that reach the database.
type countingStore struct {
	*store.Store
	lookups atomic.Int64
}

func (c *countingStore) APIKey(ctx context.Context, key string) (*store.APIKey, error) {
	c.lookups.Add(1)
	return c.Store.APIKey(ctx, key)
}
