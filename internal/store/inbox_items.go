package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"masthead/internal/article"
)

// InboxItem is a polled story as the editor sees it.
type InboxItem struct {
	ID         int64
	SourceID   int64
	SourceName string
	UpstreamID string
	Headline   string
	// Problem says why the story cannot be published as it stands (or, for
	// a published one, why the latest correction was not applied).
	Problem   string
	Status    InboxStatus
	ArticleID int64 // once published
	// Received is the story as the feed gave it; only InboxItem fills it,
	// and only while the story is not published.
	Received   *article.Article
	ReceivedAt time.Time
	UpdatedAt  time.Time
}

const inboxColumns = `i.id, i.source_id, s.name, i.upstream_id, i.headline, i.problem, i.status,
	COALESCE(i.article_id, 0), i.received_at, i.updated_at`

func scanInboxItem(row interface{ Scan(...any) error }, extra ...any) (*InboxItem, error) {
	var (
		it                  InboxItem
		status              string
		received, updatedAt int64
	)
	dest := append([]any{&it.ID, &it.SourceID, &it.SourceName, &it.UpstreamID, &it.Headline, &it.Problem,
		&status, &it.ArticleID, &received, &updatedAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	it.Status = InboxStatus(status)
	it.ReceivedAt, it.UpdatedAt = fromMicros(received), fromMicros(updatedAt)
	return &it, nil
}

// Inbox lists what waits for an editor, oldest first: stories not yet
// published, and published ones whose latest correction was held back.
func (s *Store) Inbox(ctx context.Context) ([]*InboxItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+inboxColumns+`
		FROM inbox_items i JOIN sources s ON s.id = i.source_id
		WHERE i.status = 'waiting' OR (i.status = 'published' AND i.problem <> '')
		ORDER BY i.received_at, i.id`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []*InboxItem
	for rows.Next() {
		it, err := scanInboxItem(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, it)
	}
	return out, s.mapErr(rows.Err())
}

// InboxItem finds one inbox story, with the article as received.
func (s *Store) InboxItem(ctx context.Context, id int64) (*InboxItem, error) {
	var payload string
	it, err := scanInboxItem(s.db.QueryRowContext(ctx, `SELECT `+inboxColumns+`, i.payload
		FROM inbox_items i JOIN sources s ON s.id = i.source_id WHERE i.id = $1`, id), &payload)
	if err != nil {
		return nil, s.mapErr(err)
	}
	if payload == "" { // published: the article is the copy
		return it, nil
	}
	it.Received = new(article.Article)
	if err := json.Unmarshal([]byte(payload), it.Received); err != nil {
		return nil, fmt.Errorf("inbox story %d: stored copy unreadable: %w", id, err)
	}
	return it, nil
}

// PublishInboxItem publishes a waiting (or skipped) story as prepared by
// the caller from the item's Received copy, and sets a.ID and a.Slug. A
// story already published is ErrConflict.
func (s *Store) PublishInboxItem(ctx context.Context, id int64, a *article.Article, syn Syndication) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status, upstream string
		var sourceID int64
		err := tx.QueryRowContext(ctx, `SELECT status, upstream_id, source_id FROM inbox_items WHERE id = $1`, id).
			Scan(&status, &upstream, &sourceID)
		if err != nil {
			return err
		}
		if InboxStatus(status) == InboxPublished {
			return fmt.Errorf("%w: inbox story %d is already published", ErrConflict, id)
		}
		a.Source.UpstreamID = upstream
		artID, err := s.publish(ctx, tx, sourceID, a, syn)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE inbox_items SET status = 'published', article_id = $2, problem = '',
			payload = '', updated_at = $3 WHERE id = $1`, id, artID, toMicros(s.now()))
		return err
	})
}

// SkipInboxItem marks a waiting story as declined; later polls leave it be.
// A published story is ErrConflict: unpublish the article instead.
func (s *Store) SkipInboxItem(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM inbox_items WHERE id = $1`, id).Scan(&status); err != nil {
			return err
		}
		if InboxStatus(status) == InboxPublished {
			return fmt.Errorf("%w: inbox story %d is already published; unpublish the article instead", ErrConflict, id)
		}
		_, err := tx.ExecContext(ctx, `UPDATE inbox_items SET status = 'skipped', updated_at = $2 WHERE id = $1`,
			id, toMicros(s.now()))
		return err
	})
}
