package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"masthead/internal/article"
	"masthead/internal/comment"
)

const commentColumns = `id, article_id, parent_id, author, email, url, content,
	ip, user_agent, referrer, status, spam_reasons,
	created_at, status_changed_at, status_changed_by`

func scanComment(row interface{ Scan(...any) error }) (*comment.Comment, error) {
	var (
		c                comment.Comment
		status, reasons  string
		created, changed int64
	)
	err := row.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.Author, &c.Email, &c.URL, &c.Content,
		&c.IP, &c.UserAgent, &c.Referrer, &status, &reasons,
		&created, &changed, &c.StatusChangedBy)
	if err != nil {
		return nil, err
	}
	c.Status = comment.Status(status)
	c.Created, c.StatusChanged = fromMicros(created), fromMicros(changed)
	if reasons != "" && reasons != "[]" {
		if err := json.Unmarshal([]byte(reasons), &c.SpamReasons); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

func (s *Store) queryComments(ctx context.Context, query string, args ...any) ([]*comment.Comment, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []*comment.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, c)
	}
	return out, s.mapErr(rows.Err())
}

// CommentArticle returns the article a comment is posted on, without its
// authors and tags (one cheap query per post), or comment.ErrArticleNotFound.
func (s *Store) CommentArticle(ctx context.Context, id int64) (*article.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, comment.ErrArticleNotFound
	}
	return a, s.mapErr(err)
}

// HasApprovedComment reports whether an approved comment with exactly this
// name and email exists, for comment_previously_approved.
func (s *Store) HasApprovedComment(ctx context.Context, author, email string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM comments
		WHERE email = $1 AND author = $2 AND status = 'approved' LIMIT 1`, email, author).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, s.mapErr(err)
}

// ArticleComments returns an article's approved comments and, of the ids in
// held (from a reader's signed cookie), those on the article in any other
// status (the caller decides which still show), oldest first.
func (s *Store) ArticleComments(ctx context.Context, articleID int64, held []int64) ([]*comment.Comment, error) {
	list, err := s.queryComments(ctx, `SELECT `+commentColumns+` FROM comments
		WHERE article_id = $1 AND status = 'approved' ORDER BY created_at, id`, articleID)
	if err != nil || len(held) == 0 {
		return list, err
	}
	ids := make([]string, len(held))
	for i, id := range held {
		ids[i] = itoa64(id) // integers, never text from the request
	}
	// Held comments are looked up by id alone, so the planner reads just
	// those rows rather than every pending comment of the article.
	mine, err := s.queryComments(ctx, `SELECT `+commentColumns+` FROM comments WHERE id IN (`+strings.Join(ids, ",")+`)`)
	if err != nil {
		return nil, err
	}
	for _, c := range mine {
		if c.ArticleID == articleID && c.Status != comment.StatusApproved {
			list = append(list, c)
		}
	}
	slices.SortFunc(list, func(a, b *comment.Comment) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return list, nil
}

// Comment returns one comment in any status.
func (s *Store) Comment(ctx context.Context, id int64) (*comment.Comment, error) {
	c, err := scanComment(s.db.QueryRowContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = $1`, id))
	return c, s.mapErr(err)
}

// CommentQuery selects comments for moderation, newest first.
type CommentQuery struct {
	Status    comment.Status // "" for every status
	ArticleID int64          // 0 for every article
	Limit     int            // 0 means 100
	Offset    int
}

// Comments lists comments for moderation and the CLI.
func (s *Store) Comments(ctx context.Context, q CommentQuery) ([]*comment.Comment, error) {
	var (
		conds []string
		args  []any
	)
	if q.Status != "" {
		args = append(args, string(q.Status))
		conds = append(conds, `status = $`+itoa(len(args)))
	}
	if q.ArticleID != 0 {
		args = append(args, q.ArticleID)
		conds = append(conds, `article_id = $`+itoa(len(args)))
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, ` AND `)
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	args = append(args, q.Limit, q.Offset)
	return s.queryComments(ctx, `SELECT `+commentColumns+` FROM comments`+where+
		` ORDER BY created_at DESC, id DESC LIMIT $`+itoa(len(args)-1)+` OFFSET $`+itoa(len(args)), args...)
}

// CommentCounts returns the number of approved comments of each article
// given, for article lists; articles without comments are absent.
func (s *Store) CommentCounts(ctx context.Context, articleIDs []int64) (map[int64]int, error) {
	out := make(map[int64]int, len(articleIDs))
	if len(articleIDs) == 0 {
		return out, nil
	}
	ids := make([]string, len(articleIDs))
	for i, id := range articleIDs {
		ids[i] = itoa64(id)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, COUNT(*) FROM comments
		WHERE status = 'approved' AND article_id IN (`+strings.Join(ids, ",")+`) GROUP BY article_id`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, s.mapErr(err)
		}
		out[id] = n
	}
	return out, s.mapErr(rows.Err())
}
