package syndication

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// FetcherConfig bounds what fetching a feed may cost.
type FetcherConfig struct {
	Timeout      time.Duration // the whole request, body included; default 30s
	MaxRedirects int           // default 5
	UserAgent    string        // default "masthead (feed poller)"
}

// Fetcher downloads feeds with conditional GET, within time, redirect,
// size and address limits. It is safe for concurrent use.
type Fetcher struct {
	cfg FetcherConfig
	// Two clients, not one with a per-request switch: a pooled connection
	// made for a source allowed private addresses must never be reused for
	// one that is not.
	public, private *http.Client
	exempt          func(netip.AddrPort) bool // tests only: see newDialer
}

// NewFetcher returns a Fetcher; zero config fields take their defaults.
func NewFetcher(cfg FetcherConfig) *Fetcher {
	return newFetcher(cfg, nil)
}

func newFetcher(cfg FetcherConfig, exempt func(netip.AddrPort) bool) *Fetcher {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = 5
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "masthead (feed poller)"
	}
	f := &Fetcher{cfg: cfg, exempt: exempt}
	f.public = f.client(false)
	f.private = f.client(true)
	return f
}

func (f *Fetcher) client(allowPrivate bool) *http.Client {
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would make the address check meaningless
		DialContext:           newDialer(10*time.Second, allowPrivate, f.exempt).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: f.cfg.Timeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   2,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirected to a %s: URL, refused: only http and https are fetched", req.URL.Scheme)
	}
	if len(via) > f.cfg.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", f.cfg.MaxRedirects)
	}
	return nil
}

// CloseIdle closes pooled connections, for a clean shutdown.
func (f *Fetcher) CloseIdle() {
	f.public.CloseIdleConnections()
	f.private.CloseIdleConnections()
}

// FetchRequest is one feed download; ETag and LastModified come from the
// previous answer and make it conditional.
type FetchRequest struct {
	URL                 string
	ETag, LastModified  string
	AllowPrivateNetwork bool
}

// FetchResult is a feed server's answer.
type FetchResult struct {
	NotModified        bool   // 304: the feed is as it was
	Body               []byte // the feed, when modified
	URL                string // after redirects: the base for relative links
	ContentType        string
	ETag, LastModified string        // validators for the next request
	MaxAge             time.Duration // from Cache-Control; 0 if none
	RetryAfter         time.Duration // 0 if none
}

// HTTPError is an answer other than 200 or 304.
type HTTPError struct {
	Status     string // "503 Service Unavailable"
	Code       int
	RetryAfter time.Duration // as the server asked; 0 if it did not
}

func (e *HTTPError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("the server answered %s (retry after %v)", e.Status, e.RetryAfter)
	}
	return "the server answered " + e.Status
}

// Fetch downloads a feed, or learns it has not changed.
func (f *Fetcher) Fetch(ctx context.Context, r FetchRequest) (*FetchResult, error) {
	u, err := url.Parse(r.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("feed URL %q: only http and https URLs are fetched", r.URL)
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	client := f.public
	if r.AllowPrivateNetwork {
		client = f.private
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, f.explain(ctx, err)
	}
	defer resp.Body.Close()
	now := time.Now()
	res := &FetchResult{
		URL:          resp.Request.URL.String(),
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		MaxAge:       maxAge(resp.Header.Get("Cache-Control")),
		RetryAfter:   retryAfter(resp.Header.Get("Retry-After"), now),
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		res.NotModified = true
		return res, nil
	default:
		return nil, &HTTPError{Status: resp.Status, Code: resp.StatusCode, RetryAfter: res.RetryAfter}
	}
	if resp.ContentLength > MaxFeedBytes {
		return nil, fmt.Errorf("%w: the server announces %d bytes, the limit is %d", ErrTooLarge, resp.ContentLength, MaxFeedBytes)
	}
	res.Body, err = ReadLimited(resp.Body)
	if err != nil {
		return nil, f.explain(ctx, err)
	}
	return res, nil
}

// explain turns transport errors into sentences an editor can act on.
func (f *Fetcher) explain(ctx context.Context, err error) error {
	var blocked *blockedAddrError
	switch {
	case errors.As(err, &blocked):
		return blocked
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("no complete answer within %v", f.cfg.Timeout)
	}
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil && !errors.Is(err, context.Canceled) {
		return uerr.Err // the URL is the source's and shown beside the error already
	}
	return err
}

// maxAge reads max-age from a Cache-Control header; no-store and no-cache
// mean "ask again whenever".
func maxAge(cc string) time.Duration {
	var age time.Duration
	for _, d := range strings.Split(cc, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(d), "=")
		switch strings.ToLower(k) {
		case "no-store", "no-cache":
			return 0
		case "max-age":
			if n, err := strconv.ParseInt(strings.Trim(v, `"`), 10, 64); err == nil && n > 0 {
				age = time.Duration(min(n, int64(365*24*3600))) * time.Second
			}
		}
	}
	return age
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(min(n, int64(365*24*3600))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}
