package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"masthead/internal/article"
)

// InboxStatus is where a polled story stands.
type InboxStatus string

const (
	InboxWaiting   InboxStatus = "waiting"   // for an editor
	InboxPublished InboxStatus = "published" // an article now; corrections follow it
	InboxSkipped   InboxStatus = "skipped"   // an editor said no; kept so it does not come back
)

// Syndication is what the web needs to credit a syndicated article: the
// rendered credit lines (HTML) and where its canonical link points.
type Syndication struct {
	SourceID  int64 // 0 once the source is removed
	CreditTop string
	CreditEnd string
	Canonical Canonical
}

// Entry is one feed entry as the poller hands it to SaveEntries.
type Entry struct {
	// Received is the article as the feed gave it, kept in the inbox so the
	// source's rules can be applied again when an editor publishes it.
	Received *article.Article
	// Prepared is Received with the source's rules applied: what would be
	// published. Its Source.UpstreamID is the key.
	Prepared    *article.Article
	StoryKey    string // the second de-duplication key, after the upstream id
	Problem     string // why Prepared cannot be published; empty if it can
	AutoPublish bool   // publish on arrival (the source's mode allows it and Problem is empty)
	Syndication Syndication
}

// EntryResult says what SaveEntries did with one entry.
type EntryResult int

const (
	EntryNew       EntryResult = iota + 1 // waiting in the inbox
	EntryPublished                        // published on arrival
	EntryUpdated                          // a correction applied, or a waiting story replaced
	EntryUnchanged                        // nothing new
	EntryHeld                             // a correction that breaks the source's rules, not applied
)

// SaveEntries stores a polled feed's entries from one source in one
// transaction, all or none. Entries are matched to what is stored by
// upstream id, then by story key, then to articles imported earlier by
// upstream id or original URL.
func (s *Store) SaveEntries(ctx context.Context, sourceID int64, entries []Entry) ([]EntryResult, error) {
	out := make([]EntryResult, len(entries))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for i := range entries {
			res, err := s.saveEntry(ctx, tx, sourceID, &entries[i])
			if err != nil {
				return fmt.Errorf("entry %q: %w", entries[i].Prepared.Source.UpstreamID, err)
			}
			out[i] = res
		}
		return nil
	})
	return out, err
}

// itemRow is the part of an inbox row saveEntry decides on.
type itemRow struct {
	id         int64
	upstreamID string
	status     InboxStatus
	hash       string
	problem    string
	articleID  sql.NullInt64
}

func (s *Store) saveEntry(ctx context.Context, tx *sql.Tx, sourceID int64, e *Entry) (EntryResult, error) {
	row, err := s.findItem(ctx, tx, sourceID, e)
	if err != nil {
		return 0, err
	}
	if row != nil {
		// The first id a story arrived under stays its key.
		e.Prepared.Source.UpstreamID, e.Received.Source.UpstreamID = row.upstreamID, row.upstreamID
	}
	payload, err := json.Marshal(e.Received)
	if err != nil {
		return 0, err
	}
	sum := sha256.Sum256(payload)
	hash := hex.EncodeToString(sum[:])
	now := toMicros(s.now())
	if row == nil {
		if e.AutoPublish {
			id, err := s.publish(ctx, tx, sourceID, e.Prepared, e.Syndication)
			if err != nil {
				return 0, err
			}
			return EntryPublished, s.insertItem(ctx, tx, sourceID, e, payload, hash, InboxPublished, id, now)
		}
		return EntryNew, s.insertItem(ctx, tx, sourceID, e, payload, hash, InboxWaiting, 0, now)
	}
	same := row.hash == hash
	switch {
	case same && row.status == InboxPublished && row.problem != "":
		// Upstream went back to the version we show: nothing is held now.
		_, err := tx.ExecContext(ctx, `UPDATE inbox_items SET problem = '', updated_at = $2 WHERE id = $1`, row.id, now)
		return EntryUnchanged, err
	case same && (row.status != InboxWaiting || row.problem == e.Problem && !e.AutoPublish):
		return EntryUnchanged, nil
	}
	switch row.status {
	case InboxWaiting, InboxSkipped:
		// A waiting story is replaced by its new version, or re-judged
		// under rules an editor changed since (a licence set, say).
		status, res, artID := row.status, EntryUpdated, row.articleID
		if same {
			res = EntryUnchanged
		}
		switch {
		case row.status == InboxWaiting && e.AutoPublish:
			id, err := s.publish(ctx, tx, sourceID, e.Prepared, e.Syndication)
			if err != nil {
				return 0, err
			}
			status, res, artID = InboxPublished, EntryPublished, sql.NullInt64{Int64: id, Valid: true}
		case row.status == InboxSkipped:
			res = EntryUnchanged // an editor said no; a new version does not ask again
		}
		_, err := tx.ExecContext(ctx, `UPDATE inbox_items SET headline = $2, payload = $3, payload_hash = $4,
			problem = $5, status = $6, article_id = $7, updated_at = $8 WHERE id = $1`,
			row.id, e.Received.Headline, kept(payload, status), hash, e.Problem, string(status), artID, now)
		return res, err
	}
	// Published: the entry is a correction of a live article.
	if !row.articleID.Valid { // the article was deleted here; nothing to correct
		_, err := tx.ExecContext(ctx, `UPDATE inbox_items SET payload_hash = $2, updated_at = $3 WHERE id = $1`,
			row.id, hash, now)
		return EntryUnchanged, err
	}
	if e.Problem != "" {
		// The hash is not stored, so every poll tries again until the
		// source sends a version that passes.
		_, err := tx.ExecContext(ctx, `UPDATE inbox_items SET problem = $2, updated_at = $3 WHERE id = $1`,
			row.id, "correction not applied: "+e.Problem, now)
		return EntryHeld, err
	}
	changed, err := s.correct(ctx, tx, row.articleID.Int64, e.Prepared, withSource(e.Syndication, sourceID))
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE inbox_items SET headline = $2, payload_hash = $3,
		problem = '', updated_at = $4 WHERE id = $1`, row.id, e.Received.Headline, hash, now)
	if changed {
		return EntryUpdated, err
	}
	return EntryUnchanged, err
}

// kept is the payload an inbox row keeps: the story as received while an
// editor may still publish it; once published only its hash is needed, to
// tell a correction from a repeat.
func kept(payload []byte, status InboxStatus) string {
	if status == InboxPublished {
		return ""
	}
	return string(payload)
}

func (s *Store) insertItem(ctx context.Context, tx *sql.Tx, sourceID int64, e *Entry, payload []byte, hash string, status InboxStatus, articleID int64, now int64) error {
	_, err := s.insertItemRow(ctx, tx, sourceID, e, payload, hash, status, articleID, now)
	return err
}

func (s *Store) insertItemRow(ctx context.Context, tx *sql.Tx, sourceID int64, e *Entry, payload []byte, hash string, status InboxStatus, articleID int64, now int64) (int64, error) {
	var art any
	if articleID != 0 {
		art = articleID
	}
	problem := e.Problem
	if status == InboxPublished {
		problem = ""
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO inbox_items (source_id, upstream_id, story_key, headline,
		payload, payload_hash, problem, status, article_id, received_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id`,
		sourceID, e.Prepared.Source.UpstreamID, e.StoryKey, e.Received.Headline,
		kept(payload, status), hash, problem, string(status), art, now).Scan(&id)
	return id, err
}

// publish stores a prepared story as a published article (or updates the
// article already keyed by its upstream id) with its credits.
func (s *Store) publish(ctx context.Context, tx *sql.Tx, sourceID int64, a *article.Article, syn Syndication) (int64, error) {
	syn = withSource(syn, sourceID)
	a.Status = article.StatusPublished
	if _, err := s.saveImported(ctx, tx, a); err != nil {
		return 0, err
	}
	return a.ID, writeSyndication(ctx, tx, a.ID, syn)
}

func withSource(syn Syndication, sourceID int64) Syndication {
	if syn.SourceID == 0 {
		syn.SourceID = sourceID
	}
	return syn
}

func writeSyndication(ctx context.Context, tx *sql.Tx, articleID int64, syn Syndication) error {
	var src any
	if syn.SourceID != 0 {
		src = syn.SourceID
	}
	if syn.Canonical == "" {
		syn.Canonical = CanonicalOriginal
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_syndication (article_id, source_id, credit_top, credit_end, canonical)
		VALUES ($1,$2,$3,$4,$5)
		ON CONFLICT (article_id) DO UPDATE SET source_id = excluded.source_id,
			credit_top = excluded.credit_top, credit_end = excluded.credit_end, canonical = excluded.canonical`,
		articleID, src, syn.CreditTop, syn.CreditEnd, string(syn.Canonical))
	return err
}
