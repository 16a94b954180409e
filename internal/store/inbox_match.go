package store

import (
	"context"
	"database/sql"
	"errors"

	"masthead/internal/article"
)

// findItem finds the inbox row of an entry by upstream id, then story key.
// Failing both, an article imported before (by 'import feed', or under a
// source since removed) is adopted: a published row is made for it.
func (s *Store) findItem(ctx context.Context, tx *sql.Tx, sourceID int64, e *Entry) (*itemRow, error) {
	const cols = `SELECT id, upstream_id, status, payload_hash, problem, article_id FROM inbox_items `
	scan := func(r *sql.Row) (*itemRow, error) {
		var row itemRow
		var status string
		err := r.Scan(&row.id, &row.upstreamID, &status, &row.hash, &row.problem, &row.articleID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		row.status = InboxStatus(status)
		return &row, err
	}
	up := e.Prepared.Source.UpstreamID
	row, err := scan(tx.QueryRowContext(ctx, cols+`WHERE upstream_id = $1`, up))
	if row != nil || err != nil {
		return row, err
	}
	if e.StoryKey != "" {
		row, err = scan(tx.QueryRowContext(ctx, cols+`WHERE story_key = $1 ORDER BY id LIMIT 1`, e.StoryKey))
		if row != nil || err != nil {
			return row, err
		}
	}
	var artID int64
	var artUp string
	err = tx.QueryRowContext(ctx, `SELECT id, COALESCE(upstream_id, '') FROM articles WHERE upstream_id = $1`, up).Scan(&artID, &artUp)
	if errors.Is(err, sql.ErrNoRows) && e.Prepared.Source.OriginalURL != "" {
		err = tx.QueryRowContext(ctx, `SELECT id, COALESCE(upstream_id, '') FROM articles
			WHERE original_url = $1 AND upstream_id IS NOT NULL ORDER BY id LIMIT 1`,
			e.Prepared.Source.OriginalURL).Scan(&artID, &artUp)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	adopted := *e
	adopted.Received = &article.Article{Headline: e.Received.Headline}
	adopted.Prepared = &article.Article{Source: article.Source{UpstreamID: artUp}}
	id, err := s.insertItemRow(ctx, tx, sourceID, &adopted, nil, "", InboxPublished, artID, toMicros(s.now()))
	if err != nil {
		return nil, err
	}
	return &itemRow{id: id, upstreamID: artUp, status: InboxPublished, articleID: sql.NullInt64{Int64: artID, Valid: true}}, nil
}
