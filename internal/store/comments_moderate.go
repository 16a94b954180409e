package store

import (
	"context"
	"database/sql"
	"fmt"

	"masthead/internal/comment"
)

// SetCommentStatus moves a comment to a status, recording who did it and
// when in the comment and its history, and marks the change so cached pages
// refresh. Setting the status it already has does nothing.
func (s *Store) SetCommentStatus(ctx context.Context, id int64, to comment.Status, by string) error {
	if !to.Valid() {
		return fmt.Errorf("unknown comment status %q", to)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var from string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM comments WHERE id = $1`, id).Scan(&from); err != nil {
			return err
		}
		if comment.Status(from) == to {
			return nil
		}
		now := toMicros(s.now())
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = $2, status_changed_at = $3,
			status_changed_by = $4 WHERE id = $1`, id, string(to), now, by); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO comment_status_log
			(comment_id, from_status, to_status, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)`,
			id, from, string(to), by, now); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// CommentHistory returns a comment's moderation changes, oldest first.
func (s *Store) CommentHistory(ctx context.Context, id int64) ([]comment.StatusChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT from_status, to_status, changed_by, changed_at
		FROM comment_status_log WHERE comment_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []comment.StatusChange
	for rows.Next() {
		var (
			ch       comment.StatusChange
			from, to string
			at       int64
		)
		if err := rows.Scan(&from, &to, &ch.By, &at); err != nil {
			return nil, s.mapErr(err)
		}
		ch.From, ch.To, ch.At = comment.Status(from), comment.Status(to), fromMicros(at)
		out = append(out, ch)
	}
	return out, s.mapErr(rows.Err())
}

// DeleteComment removes a comment for good. Its replies move up to its
// parent, as in WordPress, so a thread is not silently cut.
func (s *Store) DeleteComment(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := deleteComment(ctx, tx, id); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// deleteComment removes one comment and its history inside tx, moving its
// replies up to its parent. The parent is read here, in the transaction:
// an earlier deletion in it may have moved this comment up.
func deleteComment(ctx context.Context, tx *sql.Tx, id int64) error {
	var articleID, parentID int64
	if err := tx.QueryRowContext(ctx, `SELECT article_id, parent_id FROM comments WHERE id = $1`, id).
		Scan(&articleID, &parentID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE comments SET parent_id = $1
		WHERE article_id = $2 AND parent_id = $3`, parentID, articleID, id); err != nil {
		return err
	}
	// The history goes with the comment; said here rather than left to ON
	// DELETE CASCADE, which SQLite applies only when foreign keys are on.
	if _, err := tx.ExecContext(ctx, `DELETE FROM comment_status_log WHERE comment_id = $1`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE id = $1`, id)
	return err
}
