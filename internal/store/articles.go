package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"masthead/internal/article"
)

const articleColumns = `id, path, slug, headline, summary, body_html,
	image_url, image_alt, image_caption, image_credit,
	source_name, source_home_url, original_url, COALESCE(upstream_id, ''),
	licence_name, licence_url, status, comments_open,
	published_at, updated_at`

func scanArticle(row interface{ Scan(...any) error }) (*article.Article, error) {
	var (
		a                  article.Article
		path, status       string
		published, updated int64
		open               bool
	)
	err := row.Scan(&a.ID, &path, &a.Slug, &a.Headline, &a.Summary, &a.BodyHTML,
		&a.Image.URL, &a.Image.Alt, &a.Image.Caption, &a.Image.Credit,
		&a.Source.Name, &a.Source.HomeURL, &a.Source.OriginalURL, &a.Source.UpstreamID,
		&a.Licence.Name, &a.Licence.URL, &status, &open,
		&published, &updated)
	if err != nil {
		return nil, err
	}
	a.Status, a.CommentsClosed = article.Status(status), !open
	a.Published, a.Updated = fromMicros(published), fromMicros(updated)
	return &a, nil
}

// SaveResult says what SaveImported did.
type SaveResult int

const (
	Created SaveResult = iota + 1
	Updated
	Unchanged
)

// SaveImported stores an imported article keyed by its upstream id: a new id
// creates it; a known one updates the stored copy in place (same path) when
// its content or update time changed. a.ID and a.Slug are set on return.
func (s *Store) SaveImported(ctx context.Context, a *article.Article) (SaveResult, error) {
	var res SaveResult
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		res, err = s.saveImported(ctx, tx, a)
		return err
	})
	return res, err
}

func (s *Store) saveImported(ctx context.Context, tx *sql.Tx, a *article.Article) (SaveResult, error) {
	if a.Source.UpstreamID == "" {
		return 0, errors.New("imported article has no upstream id")
	}
	old, err := scanArticle(tx.QueryRowContext(ctx,
		`SELECT `+articleColumns+` FROM articles WHERE upstream_id = $1`, a.Source.UpstreamID))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Created, s.insertArticle(ctx, tx, a)
	case err != nil:
		return 0, err
	}
	a.ID, a.Slug, a.Published, a.Status, a.CommentsClosed = old.ID, old.Slug, old.Published, old.Status, old.CommentsClosed
	if err := s.loadDetails(ctx, tx, []*article.Article{old}); err != nil {
		return 0, err
	}
	if sameContent(old, a) {
		return Unchanged, nil
	}
	return Updated, s.updateArticle(ctx, tx, a)
}

// CreateArticle stores a new article (the site's own or an imported one).
func (s *Store) CreateArticle(ctx context.Context, a *article.Article) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.insertArticle(ctx, tx, a) })
}

func (s *Store) insertArticle(ctx context.Context, tx *sql.Tx, a *article.Article) error {
	if a.Slug == "" {
		a.Slug = article.Slugify(a.Headline)
	}
	if a.Slug == "" {
		a.Slug = "story"
	}
	if a.Status == "" {
		a.Status = article.StatusPublished
	}
	if a.Published.IsZero() {
		a.Published = s.now()
	}
	if a.Updated.IsZero() {
		a.Updated = a.Published
	}
	base := a.Slug
	now := toMicros(s.now())
	var upstream any
	if a.Source.UpstreamID != "" {
		upstream = a.Source.UpstreamID
	}
	// A path already taken gets a numbered slug; the check and the insert are
	// in one transaction, and the UNIQUE index is the final word.
	for n := 2; ; n++ {
		var taken int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE path = $1`, a.Path()).Scan(&taken)
		if err != nil {
			return err
		}
		if taken == 0 {
			break
		}
		a.Slug = fmt.Sprintf("%s-%d", base, n)
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (path, slug, headline, summary, body_html,
		image_url, image_alt, image_caption, image_credit,
		source_name, source_home_url, original_url, upstream_id,
		licence_name, licence_url, status, comments_open,
		published_at, updated_at, created_at, modified_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$20)
		RETURNING id`,
		a.Path(), a.Slug, a.Headline, a.Summary, a.BodyHTML,
		a.Image.URL, a.Image.Alt, a.Image.Caption, a.Image.Credit,
		a.Source.Name, a.Source.HomeURL, a.Source.OriginalURL, upstream,
		a.Licence.Name, a.Licence.URL, string(a.Status), !a.CommentsClosed,
		toMicros(a.Published), toMicros(a.Updated), now).Scan(&a.ID)
	if err != nil {
		return err
	}
	if err := writeDetails(ctx, tx, a); err != nil {
		return err
	}
	return bump(ctx, tx)
}

func (s *Store) updateArticle(ctx context.Context, tx *sql.Tx, a *article.Article) error {
	_, err := tx.ExecContext(ctx, `UPDATE articles SET headline = $2, summary = $3, body_html = $4,
		image_url = $5, image_alt = $6, image_caption = $7, image_credit = $8,
		source_name = $9, source_home_url = $10, original_url = $11,
		licence_name = $12, licence_url = $13, updated_at = $14, modified_at = $15
		WHERE id = $1`,
		a.ID, a.Headline, a.Summary, a.BodyHTML,
		a.Image.URL, a.Image.Alt, a.Image.Caption, a.Image.Credit,
		a.Source.Name, a.Source.HomeURL, a.Source.OriginalURL,
		a.Licence.Name, a.Licence.URL, toMicros(a.Updated), toMicros(s.now()))
	if err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM article_authors WHERE article_id = $1`, `DELETE FROM article_tags WHERE article_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, a.ID); err != nil {
			return err
		}
	}
	if err := writeDetails(ctx, tx, a); err != nil {
		return err
	}
	return bump(ctx, tx)
}

func writeDetails(ctx context.Context, tx *sql.Tx, a *article.Article) error {
	for i, au := range a.Authors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_authors
			(article_id, position, name, slug, role, institution, profile_url, bio)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
			a.ID, i, au.Name, au.Slug(), au.Role, au.Institution, au.ProfileURL, au.Bio); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, t := range a.Tags {
		slug := article.Slugify(t)
		if slug == "" || seen[slug] {
			continue
		}
		seen[slug] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_tags (article_id, slug, tag) VALUES ($1,$2,$3)`,
			a.ID, slug, strings.TrimSpace(t)); err != nil {
			return err
		}
	}
	return nil
}

// sameContent reports whether an upstream entry carries nothing new.
func sameContent(old, nu *article.Article) bool {
	if !old.Updated.Equal(nu.Updated) || old.Headline != nu.Headline || old.Summary != nu.Summary ||
		old.BodyHTML != nu.BodyHTML || old.Image != nu.Image || old.Licence != nu.Licence ||
		old.Source != nu.Source || len(old.Authors) != len(nu.Authors) || len(old.Tags) != len(nu.Tags) {
		return false
	}
	for i := range old.Authors {
		if old.Authors[i] != nu.Authors[i] {
			return false
		}
	}
	// Tags come back sorted; their order upstream means nothing.
	tags := slices.Clone(nu.Tags)
	slices.Sort(tags)
	return slices.Equal(old.Tags, tags)
}

// SaveImportedAll stores a feed's articles in one transaction: all or none.
func (s *Store) SaveImportedAll(ctx context.Context, list []*article.Article) ([]SaveResult, error) {
	out := make([]SaveResult, len(list))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for i, a := range list {
			res, err := s.saveImported(ctx, tx, a)
			if err != nil {
				return fmt.Errorf("entry %q: %w", a.Source.UpstreamID, err)
			}
			out[i] = res
		}
		return nil
	})
	return out, err
}
