package store

import (
	"context"
	"time"
)

// PathStamp is a published article's path and last change, all a sitemap
// needs; listing these is far cheaper than loading whole articles.
type PathStamp struct {
	Path    string
	Updated time.Time
}

// PublishedPaths lists up to limit published articles' paths, newest first.
func (s *Store) PublishedPaths(ctx context.Context, limit int) ([]PathStamp, error) {
	if limit <= 0 {
		limit = 50000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT path, updated_at FROM articles
		WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []PathStamp
	for rows.Next() {
		var p PathStamp
		var updated int64
		if err := rows.Scan(&p.Path, &updated); err != nil {
			return nil, s.mapErr(err)
		}
		p.Updated = fromMicros(updated)
		out = append(out, p)
	}
	return out, s.mapErr(rows.Err())
}
