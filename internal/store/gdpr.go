package store

import (
	"context"
	"database/sql"
	"errors"

	"masthead/internal/comment"
)

// PersonalData is everything stored about one email address, for a
// data-subject access request.
type PersonalData struct {
	Email    string // as matched: trimmed and lower-cased
	Comments []PersonalComment
	// User is the back-office account with this address, if any, without
	// its password hash; Sessions are its sessions, without their ids and
	// CSRF tokens (secrets, not data about the person).
	User     *User
	Sessions []Session
}

// PersonalComment is one comment with its moderation history.
type PersonalComment struct {
	comment.Comment
	History []comment.StatusChange
}

// AnonymousAuthor is the name anonymised comments show.
const AnonymousAuthor = "Anonymous"

// PersonalData collects what is stored about an email address: its
// comments in every status, oldest first, with their history, and the
// account and sessions of a user with that address.
func (s *Store) PersonalData(ctx context.Context, email string) (*PersonalData, error) {
	pd := &PersonalData{Email: emailKey(email)}
	if pd.Email == "" {
		return pd, nil // "" is every comment posted without an address
	}
	list, err := s.queryComments(ctx, `SELECT `+commentColumns+` FROM comments
		WHERE email = $1 ORDER BY created_at, id`, pd.Email)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		h, err := s.CommentHistory(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		pd.Comments = append(pd.Comments, PersonalComment{Comment: *c, History: h})
	}
	u, err := s.UserByEmail(ctx, pd.Email)
	switch {
	case errors.Is(err, ErrNotFound):
		return pd, nil
	case err != nil:
		return nil, err
	}
	u.PasswordHash = ""
	pd.User = u
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions s
		WHERE s.user_id = $1 ORDER BY s.created_at, s.id`, u.ID)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		ss.ID, ss.CSRF = "", ""
		pd.Sessions = append(pd.Sessions, *ss)
	}
	return pd, s.mapErr(rows.Err())
}

// CountCommentsByEmail counts the comments an address wrote, in any
// status, so an erasure can say what it will do before it does it.
func (s *Store) CountCommentsByEmail(ctx context.Context, email string) (int, error) {
	var n int
	if emailKey(email) == "" {
		return 0, nil
	}
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE email = $1`, emailKey(email)).Scan(&n)
	return n, s.mapErr(err)
}

// AnonymiseComments keeps the text of an address's comments but nothing
// that says whose they were: the author becomes AnonymousAuthor; email,
// website, IP, user agent and referrer are cleared, and so are the
// filter's reasons, which may quote the address or the IP. Cached pages
// refresh. It returns how many comments it changed.
func (s *Store) AnonymiseComments(ctx context.Context, email string) (int64, error) {
	key := emailKey(email)
	if key == "" {
		return 0, nil // "" is every comment posted without an address
	}
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET author = $2, email = '', url = '', ip = '',
			user_agent = '', referrer = '', spam_reasons = '[]' WHERE email = $1`, key, AnonymousAuthor)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return bump(ctx, tx)
	})
	return n, err
}

// DeleteCommentsByEmail deletes an address's comments and their history
// for good. As with DeleteComment, replies move up to the deleted
// comment's parent, so other people's comments stay in their thread.
// Cached pages refresh. It returns how many comments it deleted.
func (s *Store) DeleteCommentsByEmail(ctx context.Context, email string) (int64, error) {
	key := emailKey(email)
	if key == "" {
		return 0, nil
	}
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ids, err := commentIDsByEmail(ctx, tx, key)
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			if err := deleteComment(ctx, tx, id); err != nil {
				return err
			}
		}
		n = int64(len(ids))
		return bump(ctx, tx)
	})
	return n, err
}

func commentIDsByEmail(ctx context.Context, tx *sql.Tx, key string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM comments WHERE email = $1 ORDER BY id`, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
