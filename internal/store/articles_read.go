package store

import (
	"context"
	"database/sql"
	"strings"

	"masthead/internal/article"
)

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ArticleByPath finds a published article by its path, /2024/03/slug/.
func (s *Store) ArticleByPath(ctx context.Context, path string) (*article.Article, error) {
	return s.oneArticle(ctx, `WHERE path = $1 AND status = 'published'`, path)
}

// ArticleByID finds an article in any status.
func (s *Store) ArticleByID(ctx context.Context, id int64) (*article.Article, error) {
	return s.oneArticle(ctx, `WHERE id = $1`, id)
}

// ArticleByUpstreamID finds an imported article by its feed entry id.
func (s *Store) ArticleByUpstreamID(ctx context.Context, id string) (*article.Article, error) {
	return s.oneArticle(ctx, `WHERE upstream_id = $1`, id)
}

func (s *Store) oneArticle(ctx context.Context, where string, arg any) (*article.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles `+where, arg))
	if err != nil {
		return nil, s.mapErr(err)
	}
	if err := s.loadDetails(ctx, s.db, []*article.Article{a}); err != nil {
		return nil, s.mapErr(err)
	}
	return a, nil
}

// ArticleQuery selects published articles, newest first.
type ArticleQuery struct {
	Tag    string // tag slug
	Author string // author slug
	Limit  int
	Offset int
}

// Articles lists published articles and counts all that match.
func (s *Store) Articles(ctx context.Context, q ArticleQuery) ([]*article.Article, int, error) {
	where := ` WHERE status = 'published'`
	var args []any
	if q.Tag != "" {
		args = append(args, q.Tag)
		where += ` AND id IN (SELECT article_id FROM article_tags WHERE slug = $1)`
	}
	if q.Author != "" {
		args = append(args, q.Author)
		where += ` AND id IN (SELECT article_id FROM article_authors WHERE slug = $` + itoa(len(args)) + `)`
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`+where, args...).Scan(&total); err != nil {
		return nil, 0, s.mapErr(err)
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	args = append(args, q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles`+where+
		` ORDER BY published_at DESC, id DESC LIMIT $`+itoa(len(args)-1)+` OFFSET $`+itoa(len(args)), args...)
	if err != nil {
		return nil, 0, s.mapErr(err)
	}
	defer rows.Close()
	var out []*article.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, 0, s.mapErr(err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.mapErr(err)
	}
	if err := s.loadDetails(ctx, s.db, out); err != nil {
		return nil, 0, s.mapErr(err)
	}
	return out, total, nil
}

// loadDetails fills authors and tags of several articles in two queries.
func (s *Store) loadDetails(ctx context.Context, q querier, list []*article.Article) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*article.Article, len(list))
	ids := make([]string, 0, len(list))
	for _, a := range list {
		byID[a.ID] = a
		a.Authors, a.Tags = nil, nil
		ids = append(ids, itoa64(a.ID))
	}
	in := strings.Join(ids, ",") // integers from the database, not input
	rows, err := q.QueryContext(ctx, `SELECT article_id, name, role, institution, profile_url, bio
		FROM article_authors WHERE article_id IN (`+in+`) ORDER BY article_id, position`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var au article.Author
		if err := rows.Scan(&id, &au.Name, &au.Role, &au.Institution, &au.ProfileURL, &au.Bio); err != nil {
			rows.Close()
			return err
		}
		byID[id].Authors = append(byID[id].Authors, au)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT article_id, tag FROM article_tags
		WHERE article_id IN (`+in+`) ORDER BY article_id, tag`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		byID[id].Tags = append(byID[id].Tags, tag)
	}
	return rows.Err()
}

// Named is a tag or an author with its slug, for index pages.
type Named struct {
	Slug, Name string
	Count      int
}

// Tags lists the tags of published articles.
func (s *Store) Tags(ctx context.Context) ([]Named, error) {
	return s.named(ctx, `SELECT t.slug, MIN(t.tag), COUNT(*) FROM article_tags t
		JOIN articles a ON a.id = t.article_id AND a.status = 'published'
		GROUP BY t.slug ORDER BY t.slug`)
}

// Authors lists the authors of published articles.
func (s *Store) Authors(ctx context.Context) ([]Named, error) {
	return s.named(ctx, `SELECT au.slug, MIN(au.name), COUNT(*) FROM article_authors au
		JOIN articles a ON a.id = au.article_id AND a.status = 'published'
		GROUP BY au.slug ORDER BY au.slug`)
}

func (s *Store) named(ctx context.Context, query string) ([]Named, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []Named
	for rows.Next() {
		var n Named
		if err := rows.Scan(&n.Slug, &n.Name, &n.Count); err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, n)
	}
	return out, s.mapErr(rows.Err())
}
