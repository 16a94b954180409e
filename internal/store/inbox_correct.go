package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"masthead/internal/article"
)

// correct applies an upstream correction to a published article in place:
// same id, path, status and comments; "Updated" moves on; a revision
// records what changed and a hash of the body it replaced. It reports
// whether anything changed.
func (s *Store) correct(ctx context.Context, tx *sql.Tx, articleID int64, a *article.Article, syn Syndication) (bool, error) {
	old, err := scanArticle(tx.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`, articleID))
	if err != nil {
		return false, err
	}
	if err := s.loadDetails(ctx, tx, []*article.Article{old}); err != nil {
		return false, err
	}
	a.ID, a.Slug, a.Published, a.Status, a.CommentsClosed = old.ID, old.Slug, old.Published, old.Status, old.CommentsClosed
	a.Source.UpstreamID = old.Source.UpstreamID
	changed := changedFields(old, a)
	later := a.Updated.After(old.Updated)
	if len(changed) == 0 && !later {
		return false, nil
	}
	if !later {
		// A feed without update times (most RSS) still corrects stories;
		// readers must see that it changed.
		a.Updated = s.now().UTC().Truncate(time.Microsecond)
	}
	if len(changed) == 0 {
		changed = []string{"update time"}
	}
	if err := s.updateArticle(ctx, tx, a); err != nil {
		return false, err
	}
	sum := sha256.Sum256([]byte(old.BodyHTML))
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_revisions
		(article_id, revised_at, changed, old_body_sha256, old_updated_at, new_updated_at)
		VALUES ($1,$2,$3,$4,$5,$6)`,
		a.ID, toMicros(s.now()), strings.Join(changed, ", "), hex.EncodeToString(sum[:]),
		toMicros(old.Updated), toMicros(a.Updated)); err != nil {
		return false, err
	}
	return true, writeSyndication(ctx, tx, a.ID, syn)
}

// changedFields names what a correction changes, for the revision record.
func changedFields(old, nu *article.Article) []string {
	var out []string
	add := func(differ bool, name string) {
		if differ {
			out = append(out, name)
		}
	}
	add(old.Headline != nu.Headline, "headline")
	add(old.Summary != nu.Summary, "summary")
	add(old.BodyHTML != nu.BodyHTML, "body")
	add(old.Image != nu.Image, "image")
	add(!slices.Equal(old.Authors, nu.Authors), "authors")
	add(!slices.Equal(normTags(old.Tags), normTags(nu.Tags)), "tags")
	add(old.Licence != nu.Licence, "licence")
	add(old.Source.OriginalURL != nu.Source.OriginalURL, "original URL")
	add(old.Source.Name != nu.Source.Name || old.Source.HomeURL != nu.Source.HomeURL, "source")
	return out
}

// normTags is a tag list as stored: trimmed, one per slug, in byte order
// (the database's collation may sort differently).
func normTags(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		slug := article.Slugify(t)
		if slug == "" || seen[slug] {
			continue
		}
		seen[slug] = true
		out = append(out, strings.TrimSpace(t))
	}
	slices.Sort(out)
	return out
}
