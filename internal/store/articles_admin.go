package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"masthead/internal/article"
)

// What the back office does to articles: list them in every status,
// publish and unpublish, retag, and write the site's own.

// ArticleRow is an article as the back office lists it.
type ArticleRow struct {
	*article.Article
	Own   bool // written on this site, not imported
	Draft bool // the site's own, never published yet
}

// withExtra scans a row's leading columns with scanArticle and the rest
// into extra.
type withExtra struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.row.Scan(append(dest, w.extra...)...) }

const adminArticleFrom = ` FROM articles LEFT JOIN own_articles o ON o.article_id = articles.id`

// AllArticles lists articles in every status, newest first, and counts
// them all.
func (s *Store) AllArticles(ctx context.Context, limit, offset int) ([]ArticleRow, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&total); err != nil {
		return nil, 0, s.mapErr(err)
	}
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleColumns+`, COALESCE(o.draft, FALSE)`+adminArticleFrom+`
		ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2`, limit, max(offset, 0))
	if err != nil {
		return nil, 0, s.mapErr(err)
	}
	defer rows.Close()
	var (
		out  []ArticleRow
		list []*article.Article
	)
	for rows.Next() {
		var draft bool
		a, err := scanArticle(withExtra{rows, []any{&draft}})
		if err != nil {
			return nil, 0, s.mapErr(err)
		}
		out = append(out, ArticleRow{Article: a, Own: !a.Source.Imported(), Draft: draft})
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.mapErr(err)
	}
	return out, total, s.mapErr(s.loadDetails(ctx, s.db, list))
}

// BodyEditRefusal says whether an editor may change the text of a story
// under licence l: nil, or the *NoDerivativesError UpdateArticleBody
// would fail with, so a screen can say so before anyone types.
func BodyEditRefusal(l article.Licence) error {
	if noDerivatives(l.Name, l.URL) {
		return &NoDerivativesError{Licence: l.Name}
	}
	return nil
}

// SetArticleStatus publishes or unpublishes an article. The first
// publication of the site's own draft dates it now and gives it the path
// of that day and its current headline; after that, a path never moves.
func (s *Store) SetArticleStatus(ctx context.Context, id int64, status article.Status) error {
	if status != article.StatusPublished && status != article.StatusUnpublished {
		return fmt.Errorf("article status %q: want published or unpublished", status)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var (
			old, headline string
			draft         bool
		)
		err := tx.QueryRowContext(ctx, `SELECT status, headline, COALESCE(o.draft, FALSE)`+adminArticleFrom+
			` WHERE articles.id = $1`, id).Scan(&old, &headline, &draft)
		if err != nil {
			return err
		}
		if article.Status(old) == status {
			return nil
		}
		now := toMicros(s.now())
		if status == article.StatusPublished && draft {
			if err := s.firstPublication(ctx, tx, id, headline); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET status = $2, modified_at = $3 WHERE id = $1`,
			id, string(status), now); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// firstPublication gives a draft today's date and a path from its
// headline, numbered if another article has it.
func (s *Store) firstPublication(ctx context.Context, tx *sql.Tx, id int64, headline string) error {
	a := article.Article{Slug: article.Slugify(headline), Published: s.now().UTC().Truncate(time.Microsecond)}
	if a.Slug == "" {
		a.Slug = "story"
	}
	base := a.Slug
	for n := 2; ; n++ {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE path = $1 AND id <> $2`,
			a.Path(), id).Scan(&taken); err != nil {
			return err
		}
		if taken == 0 {
			break
		}
		a.Slug = fmt.Sprintf("%s-%d", base, n)
	}
	at := toMicros(a.Published)
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET slug = $2, path = $3, published_at = $4, updated_at = $4
		WHERE id = $1`, id, a.Slug, a.Path(), at); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE own_articles SET draft = FALSE WHERE article_id = $1`, id)
	return err
}

// SetArticleTags replaces an article's tags. Tags are presentation, so
// every licence allows it.
func (s *Store) SetArticleTags(ctx context.Context, id int64, tags []string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET modified_at = $2 WHERE id = $1`, id, toMicros(s.now()))
		if err := expectOne(res, err); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = $1`, id); err != nil {
			return err
		}
		if err := writeDetails(ctx, tx, &article.Article{ID: id, Tags: tags}); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// OwnArticle is one of the site's own articles with the Markdown it was
// written in.
type OwnArticle struct {
	Article  *article.Article
	Markdown string
	Draft    bool // never published
}

// OwnArticleByID finds one of the site's own articles in any status; an
// imported one is ErrNotFound. An own article stored without Markdown
// (made before there was an editor) gets its HTML as Markdown, which
// Markdown passes through.
func (s *Store) OwnArticleByID(ctx context.Context, id int64) (*OwnArticle, error) {
	var (
		md    sql.NullString
		draft bool
	)
	a, err := scanArticle(withExtra{s.db.QueryRowContext(ctx, `SELECT `+articleColumns+`, o.markdown, COALESCE(o.draft, FALSE)`+
		adminArticleFrom+` WHERE articles.id = $1 AND upstream_id IS NULL`, id), []any{&md, &draft}})
	if err != nil {
		return nil, s.mapErr(err)
	}
	if err := s.loadDetails(ctx, s.db, []*article.Article{a}); err != nil {
		return nil, s.mapErr(err)
	}
	o := &OwnArticle{Article: a, Markdown: md.String, Draft: draft}
	if !md.Valid {
		o.Markdown = a.BodyHTML
	}
	return o, nil
}

// CreateOwnArticle stores a new article of the site's own, published or,
// with Status unpublished, as a draft; it sets o.Article's ID and Slug.
func (s *Store) CreateOwnArticle(ctx context.Context, o *OwnArticle) error {
	a := o.Article
	if a.Source != (article.Source{}) {
		return errors.New("the site's own article has no source")
	}
	if a.Status == "" {
		a.Status = article.StatusPublished
	}
	o.Draft = a.Status != article.StatusPublished
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.insertArticle(ctx, tx, a); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO own_articles (article_id, markdown, draft) VALUES ($1, $2, $3)`,
			a.ID, o.Markdown, o.Draft)
		return err
	})
}

// UpdateOwnArticle saves an edit of the site's own article: headline,
// summary, body, image, authors, tags, licence and Markdown. Status and
// path stay (SetArticleStatus changes the one, nothing the other). An
// imported article is ErrNotFound: its text goes through UpdateArticleBody.
func (s *Store) UpdateOwnArticle(ctx context.Context, o *OwnArticle) error {
	a := o.Article
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now().UTC().Truncate(time.Microsecond)
		res, err := tx.ExecContext(ctx, `UPDATE articles SET headline = $2, summary = $3, body_html = $4,
			image_url = $5, image_alt = $6, image_caption = $7, image_credit = $8,
			licence_name = $9, licence_url = $10, updated_at = $11, modified_at = $11
			WHERE id = $1 AND upstream_id IS NULL`,
			a.ID, a.Headline, a.Summary, a.BodyHTML, a.Image.URL, a.Image.Alt, a.Image.Caption, a.Image.Credit,
			a.Licence.Name, a.Licence.URL, toMicros(now))
		if err := expectOne(res, err); err != nil {
			return err
		}
		a.Updated = now
		for _, q := range []string{`DELETE FROM article_authors WHERE article_id = $1`, `DELETE FROM article_tags WHERE article_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, a.ID); err != nil {
				return err
			}
		}
		if err := writeDetails(ctx, tx, a); err != nil {
			return err
		}
		// An article written before the editor existed gets its row now;
		// it predates drafts, so its date stands.
		if _, err := tx.ExecContext(ctx, `INSERT INTO own_articles (article_id, markdown, draft) VALUES ($1, $2, FALSE)
			ON CONFLICT (article_id) DO UPDATE SET markdown = excluded.markdown`, a.ID, o.Markdown); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}
