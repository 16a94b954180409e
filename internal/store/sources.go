package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"masthead/internal/article"
)

// SourceMode says what happens to a source's new stories.
type SourceMode string

const (
	// ModeInbox holds new stories for an editor: the default, because some
	// licences (The Conversation's) forbid republishing everything.
	ModeInbox SourceMode = "inbox"
	// ModeAuto publishes a new story on arrival when its licence is known
	// and it passes the source's rules.
	ModeAuto SourceMode = "auto"
)

// Canonical is where a syndicated article's canonical link points.
type Canonical string

const (
	CanonicalOriginal Canonical = "canonical" // rel=canonical to the original story
	CanonicalNoindex  Canonical = "noindex"   // our copy asks not to be indexed
	CanonicalSelf     Canonical = "self"      // our copy is canonical
)

// Source is a feed the site polls, with the licence and rules its stories
// are republished under.
type Source struct {
	ID      int64
	Name    string // "The Conversation", shown in credits
	FeedURL string
	HomeURL string
	// Licence set by an editor; the zero value means "as the feed says".
	Licence   article.Licence
	CreditTop string // template, see syndication.RenderCredit
	CreditEnd string // template
	Canonical Canonical
	Mode      SourceMode
	Interval  time.Duration
	// AllowPrivateNetwork lets the feed live on a loopback or private
	// address; without it such addresses are refused at dial time.
	AllowPrivateNetwork bool
	// RequiredElements must be present in a story's sanitized body for it
	// to be published: a URL prefix or "re:REGEXP".
	RequiredElements []string
	// UnlicensedCaption is a regexp; figures whose caption matches are
	// dropped whole, as the source does not license them for reuse.
	UnlicensedCaption string
	Poll              PollState
	CreatedAt         time.Time
}

// PollState is what the poller remembers between polls.
type PollState struct {
	ETag, LastModified string
	NextAt             time.Time // due from then on
	LastAt             time.Time // the last attempt, successful or not
	LastSuccessAt      time.Time
	LastError          string // empty after a successful poll
	Failures           int    // consecutive, for the back-off
}

const sourceColumns = `id, name, feed_url, home_url, licence_name, licence_url,
	credit_top, credit_end, canonical, mode, interval_seconds, allow_private,
	required_elements, unlicensed_caption, etag, last_modified,
	next_poll_at, last_poll_at, last_success_at, last_error, failures, created_at`

func scanSource(row interface{ Scan(...any) error }) (*Source, error) {
	var (
		src                            Source
		canonical, mode, required      string
		interval                       int64
		next, last, success, createdAt int64
	)
	err := row.Scan(&src.ID, &src.Name, &src.FeedURL, &src.HomeURL, &src.Licence.Name, &src.Licence.URL,
		&src.CreditTop, &src.CreditEnd, &canonical, &mode, &interval, &src.AllowPrivateNetwork,
		&required, &src.UnlicensedCaption, &src.Poll.ETag, &src.Poll.LastModified,
		&next, &last, &success, &src.Poll.LastError, &src.Poll.Failures, &createdAt)
	if err != nil {
		return nil, err
	}
	src.Canonical, src.Mode = Canonical(canonical), SourceMode(mode)
	src.Interval = time.Duration(interval) * time.Second
	src.RequiredElements = splitLines(required)
	src.Poll.NextAt, src.Poll.LastAt, src.Poll.LastSuccessAt = fromMicros(next), fromMicros(last), fromMicros(success)
	src.CreatedAt = fromMicros(createdAt)
	return &src, nil
}

// CreateSource stores a new source, due for polling at once, and sets
// src.ID. A feed URL already added is ErrConflict.
func (s *Store) CreateSource(ctx context.Context, src *Source) error {
	now := s.now()
	src.CreatedAt = now.UTC().Truncate(time.Microsecond)
	return s.tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO sources (name, feed_url, home_url, licence_name, licence_url,
			credit_top, credit_end, canonical, mode, interval_seconds, allow_private,
			required_elements, unlicensed_caption, next_poll_at, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
			src.Name, src.FeedURL, src.HomeURL, src.Licence.Name, src.Licence.URL,
			src.CreditTop, src.CreditEnd, string(src.Canonical), string(src.Mode), int64(src.Interval/time.Second),
			src.AllowPrivateNetwork, strings.Join(src.RequiredElements, "\n"), src.UnlicensedCaption,
			toMicros(src.Poll.NextAt), toMicros(now)).Scan(&src.ID)
	})
}

// UpdateSource saves an editor's changes to a source's settings. The
// source is due at once and its validators are dropped, so that the next
// poll fetches the whole feed and judges waiting stories by the new rules.
func (s *Store) UpdateSource(ctx context.Context, src *Source) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sources SET name = $2, feed_url = $3, home_url = $4,
			licence_name = $5, licence_url = $6, credit_top = $7, credit_end = $8, canonical = $9,
			mode = $10, interval_seconds = $11, allow_private = $12, required_elements = $13,
			unlicensed_caption = $14, etag = '', last_modified = '', next_poll_at = 0 WHERE id = $1`,
			src.ID, src.Name, src.FeedURL, src.HomeURL, src.Licence.Name, src.Licence.URL,
			src.CreditTop, src.CreditEnd, string(src.Canonical), string(src.Mode), int64(src.Interval/time.Second),
			src.AllowPrivateNetwork, strings.Join(src.RequiredElements, "\n"), src.UnlicensedCaption)
		return expectOne(res, err)
	})
}

// SourceByID finds one source.
func (s *Store) SourceByID(ctx context.Context, id int64) (*Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE id = $1`, id))
	return src, s.mapErr(err)
}

// Sources lists every source in the order they were added.
func (s *Store) Sources(ctx context.Context) ([]*Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceColumns+` FROM sources ORDER BY id`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []*Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, src)
	}
	return out, s.mapErr(rows.Err())
}

// DeleteSource removes a source and its inbox. Stories already published
// stay, keeping their credits.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = $1`, id)
		return expectOne(res, err)
	})
}

// expectOne turns "no row changed" into ErrNotFound.
func expectOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
