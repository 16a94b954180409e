package store

import (
	"context"
	"strings"

	"masthead/internal/article"
	"masthead/internal/comment"
)

// CommentSearch selects comments for the moderation queue, newest first.
type CommentSearch struct {
	Status comment.Status // "" for every status
	// Text matches anywhere in the comment's text, author, email or IP,
	// ignoring case ("" matches all). PostgreSQL folds every letter;
	// SQLite folds ASCII letters only.
	Text   string
	Limit  int // 0 means 50
	Offset int
}

// maxSearch bounds a search term: nobody types more, and a pattern is
// matched against every row.
const maxSearch = 200

// likePattern makes a LIKE pattern that finds text as typed: the
// pattern's own wildcards (and the escape character) are escaped.
func likePattern(text string) string {
	if len(text) > maxSearch {
		text = text[:maxSearch]
	}
	text = strings.ToValidUTF8(text, "")
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(text) + "%"
}

// searchWhere is the WHERE clause of a search, with its arguments
// numbered after those already in args.
func (s *Store) searchWhere(status comment.Status, text string, args []any) (string, []any) {
	var conds []string
	if status != "" {
		args = append(args, string(status))
		conds = append(conds, `status = $`+itoa(len(args)))
	}
	if text = strings.TrimSpace(text); text != "" {
		// SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE.
		like := "LIKE"
		if s.dialect == postgres {
			like = "ILIKE"
		}
		args = append(args, likePattern(text))
		p := `$` + itoa(len(args))
		var ors []string
		for _, col := range []string{"content", "author", "email", "ip"} {
			ors = append(ors, col+` `+like+` `+p+` ESCAPE '\'`)
		}
		conds = append(conds, `(`+strings.Join(ors, ` OR `)+`)`)
	}
	if len(conds) == 0 {
		return "", args
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// SearchComments lists the comments a moderator asked for, newest first.
func (s *Store) SearchComments(ctx context.Context, q CommentSearch) ([]*comment.Comment, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	where, args := s.searchWhere(q.Status, q.Text, nil)
	args = append(args, q.Limit, q.Offset)
	return s.queryComments(ctx, `SELECT `+commentColumns+` FROM comments`+where+
		` ORDER BY created_at DESC, id DESC LIMIT $`+itoa(len(args)-1)+` OFFSET $`+itoa(len(args)), args...)
}

// CommentStatusCounts counts the comments matching text (as
// CommentSearch.Text) in each status, for the queue's tabs; statuses
// without any are absent.
func (s *Store) CommentStatusCounts(ctx context.Context, text string) (map[comment.Status]int, error) {
	where, args := s.searchWhere("", text, nil)
	rows, err := s.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM comments`+where+` GROUP BY status`, args...)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	out := map[comment.Status]int{}
	for rows.Next() {
		var (
			st string
			n  int
		)
		if err := rows.Scan(&st, &n); err != nil {
			return nil, s.mapErr(err)
		}
		out[comment.Status(st)] = n
	}
	return out, s.mapErr(rows.Err())
}

// CountComments counts the comments in one status. The back office asks
// for the pending count on every page, so this is one index range.
func (s *Store) CountComments(ctx context.Context, status comment.Status) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE status = $1`, string(status)).Scan(&n)
	return n, s.mapErr(err)
}

// CommentArticles returns the articles with these ids, in any status,
// with only what a list of comments shows of each: id, headline, slug,
// status and publication time (so Path works). Ids with no article are
// absent.
func (s *Store) CommentArticles(ctx context.Context, ids []int64) (map[int64]*article.Article, error) {
	out := make(map[int64]*article.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = itoa64(id) // integers, never text from the request
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, headline, slug, status, published_at
		FROM articles WHERE id IN (`+strings.Join(list, ",")+`)`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			a         article.Article
			status    string
			published int64
		)
		if err := rows.Scan(&a.ID, &a.Headline, &a.Slug, &status, &published); err != nil {
			return nil, s.mapErr(err)
		}
		a.Status, a.Published = article.Status(status), fromMicros(published)
		out[a.ID] = &a
	}
	return out, s.mapErr(rows.Err())
}
