package store

import (
	"context"
	"strings"
	"time"
)

// ArticleSyndication returns the credits and canonical policy of a
// syndicated article; the site's own articles (and those brought in by
// 'import feed') have none: ErrNotFound.
func (s *Store) ArticleSyndication(ctx context.Context, articleID int64) (*Syndication, error) {
	var syn Syndication
	var canonical string
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(source_id, 0), credit_top, credit_end, canonical
		FROM article_syndication WHERE article_id = $1`, articleID).
		Scan(&syn.SourceID, &syn.CreditTop, &syn.CreditEnd, &canonical)
	if err != nil {
		return nil, s.mapErr(err)
	}
	syn.Canonical = Canonical(canonical)
	return &syn, nil
}

// Revision is one upstream correction applied to an article.
type Revision struct {
	At            time.Time
	Changed       []string // "headline", "body", …
	OldBodySHA256 string   // hex, of the body the correction replaced
	OldUpdated    time.Time
	NewUpdated    time.Time
}

// ArticleRevisions lists an article's corrections, oldest first.
func (s *Store) ArticleRevisions(ctx context.Context, articleID int64) ([]Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT revised_at, changed, old_body_sha256, old_updated_at, new_updated_at
		FROM article_revisions WHERE article_id = $1 ORDER BY revised_at, id`, articleID)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var (
			r              Revision
			at, oldU, newU int64
			changed        string
		)
		if err := rows.Scan(&at, &changed, &r.OldBodySHA256, &oldU, &newU); err != nil {
			return nil, s.mapErr(err)
		}
		r.At, r.OldUpdated, r.NewUpdated = fromMicros(at), fromMicros(oldU), fromMicros(newU)
		r.Changed = strings.Split(changed, ", ")
		out = append(out, r)
	}
	return out, s.mapErr(rows.Err())
}
