package syndication

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"masthead/internal/store"
)

// PollReport is the outcome of polling one source.
type PollReport struct {
	SourceID    int64
	Name        string
	NotModified bool // the server answered 304
	New         int  // stories now waiting in the inbox
	Published   int  // stories published on arrival
	Updated     int  // corrections applied, waiting stories replaced
	Unchanged   int
	Held        int // corrections not applied: they break the source's rules
	NextAt      time.Time
	Err         error
}

// pollLeased polls one source the caller holds the lease of, records the
// outcome on the source and releases the lease. A feed is stored whole or
// not at all; an error is stored on the source and never stops the poller.
func (p *Poller) pollLeased(ctx context.Context, src *store.Source, holder string) PollReport {
	rep := PollReport{SourceID: src.ID, Name: src.Name}
	host := ""
	if u, err := url.Parse(src.FeedURL); err == nil {
		host = strings.ToLower(u.Hostname())
	}
	release, err := p.hosts.acquire(ctx, host)
	if err != nil {
		p.giveBack(ctx, src, holder)
		rep.Err = err
		return rep
	}
	start := p.cfg.Now()
	res, err := p.fetchAndSave(ctx, src, &rep)
	release()
	if ctx.Err() != nil {
		// Stopped halfway: not the source's fault, so no error and no
		// back-off; the next instance or run polls it afresh.
		p.giveBack(ctx, src, holder)
		rep.Err = ctx.Err()
		return rep
	}

	st := src.Poll
	st.LastAt = start
	if err != nil {
		st.Failures++
		st.LastError = oneLine(err.Error())
		var httpErr *HTTPError
		var wait time.Duration
		if errors.As(err, &httpErr) {
			wait = httpErr.RetryAfter
		}
		st.NextAt = nextAfterFailure(start, src.Interval, st.Failures, wait)
		rep.Err = err
		p.log.Warn("syndication: poll failed", "source", src.ID, "name", src.Name, "err", err, "failures", st.Failures, "next", st.NextAt)
	} else {
		st.Failures, st.LastError, st.LastSuccessAt = 0, "", start
		if !res.NotModified || res.ETag != "" {
			st.ETag = res.ETag
		}
		if !res.NotModified || res.LastModified != "" {
			st.LastModified = res.LastModified
		}
		st.NextAt = nextAfterSuccess(start, src.Interval, res.MaxAge, res.RetryAfter)
		p.log.Info("syndication: polled", "source", src.ID, "name", src.Name, "not_modified", rep.NotModified,
			"new", rep.New, "published", rep.Published, "updated", rep.Updated, "unchanged", rep.Unchanged, "held", rep.Held)
	}
	rep.NextAt = st.NextAt
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if ferr := p.st.FinishPoll(wctx, src.ID, holder, st); ferr != nil {
		p.log.Error("syndication: recording a poll", "source", src.ID, "err", ferr)
		if rep.Err == nil {
			rep.Err = fmt.Errorf("recording the poll: %w", ferr)
		}
	}
	return rep
}

func (p *Poller) giveBack(ctx context.Context, src *store.Source, holder string) {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := p.st.ReleaseSource(wctx, src.ID, holder); err != nil {
		p.log.Error("syndication: releasing a source", "source", src.ID, "err", err)
	}
}

// fetchAndSave downloads, parses, applies the source's rules and stores.
func (p *Poller) fetchAndSave(ctx context.Context, src *store.Source, rep *PollReport) (*FetchResult, error) {
	res, err := p.fetcher.Fetch(ctx, FetchRequest{
		URL: src.FeedURL, ETag: src.Poll.ETag, LastModified: src.Poll.LastModified,
		AllowPrivateNetwork: src.AllowPrivateNetwork,
	})
	if err != nil {
		return nil, err
	}
	if res.NotModified {
		rep.NotModified = true
		return res, nil
	}
	feed, err := ParseFeed(res.Body, res.URL)
	if err != nil {
		if mt, _, _ := mime.ParseMediaType(res.ContentType); mt == "text/html" && !errors.Is(err, ErrNotFeed) {
			err = fmt.Errorf("%w (the server says this is an HTML page)", err)
		}
		return nil, err
	}
	rules := rulesFor(src)
	entries := make([]store.Entry, len(feed.Entries))
	for i := range feed.Entries {
		entries[i] = rules.prepare(&feed.Entries[i].Article)
	}
	results, err := p.st.SaveEntries(ctx, src.ID, entries)
	if errors.Is(err, store.ErrConflict) {
		// Another source carrying the same story stored it first, between
		// our look-up and our insert; now the look-up finds it.
		results, err = p.st.SaveEntries(ctx, src.ID, entries)
	}
	if err != nil {
		return nil, fmt.Errorf("storing the feed: %w", err)
	}
	for _, r := range results {
		switch r {
		case store.EntryNew:
			rep.New++
		case store.EntryPublished:
			rep.Published++
		case store.EntryUpdated:
			rep.Updated++
		case store.EntryUnchanged:
			rep.Unchanged++
		case store.EntryHeld:
			rep.Held++
		}
	}
	return res, nil
}

// oneLine keeps a stored error short and on one line for 'source list'.
func oneLine(s string) string {
	return clip(strings.Join(strings.Fields(s), " "), 500)
}
