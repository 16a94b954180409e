package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"masthead/internal/comment"
)

// commentLock is the PostgreSQL advisory lock that serializes comment
// inserts across instances, so flood and duplicate checks cannot race.
// SQLite needs none: BEGIN IMMEDIATE already admits one writer.
const commentLock = 7243912

// commentTx runs the checks and inserts of comments inside one transaction,
// with its statements prepared once for however many comments it takes.
type commentTx struct {
	tx                         *sql.Tx
	parent, flood, dup, insert *sql.Stmt
	approved                   bool // an approved comment was inserted: pages must refresh
}

func (s *Store) beginCommentTx(ctx context.Context) (*commentTx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	ct := &commentTx{tx: tx}
	if err := ct.prepare(ctx, s.dialect); err != nil {
		ct.rollback()
		return nil, err
	}
	return ct, nil
}

func (ct *commentTx) prepare(ctx context.Context, d dialect) error {
	if d == postgres {
		if _, err := ct.tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, commentLock); err != nil {
			return err
		}
	}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = ct.tx.PrepareContext(ctx, q)
		return st
	}
	ct.parent = prep(`SELECT article_id, status FROM comments WHERE id = $1`)
	// WordPress counts a comment in any status toward the flood limit.
	ct.flood = prep(`SELECT 1 FROM comments WHERE $1 <> '' AND ip = $1 AND created_at > $3
		UNION ALL SELECT 1 FROM comments WHERE $2 <> '' AND email = $2 AND created_at > $3 LIMIT 1`)
	// WordPress's duplicate rule: same article, parent and text by the same
	// name or email, trash aside. Two anonymous comments match each other.
	ct.dup = prep(`SELECT 1 FROM comments WHERE article_id = $1 AND content_hash = $2
		AND parent_id = $3 AND content = $4 AND status <> 'trash'
		AND ((author = $5 AND $5 <> '') OR (email = $6 AND $6 <> '')
			OR ($5 = '' AND $6 = '' AND author = '' AND email = '')) LIMIT 1`)
	ct.insert = prep(`INSERT INTO comments (article_id, parent_id, author, email, url, content, content_hash,
		ip, user_agent, referrer, status, spam_reasons, created_at, status_changed_at, status_changed_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`)
	return err
}

func (ct *commentTx) rollback() { ct.tx.Rollback() }

// commit bumps the change version when a visible comment went in, then
// commits: one fsync for every comment in the transaction.
func (ct *commentTx) commit(ctx context.Context) error {
	if ct.approved {
		if err := bump(ctx, ct.tx); err != nil {
			ct.rollback()
			return err
		}
	}
	return ct.tx.Commit()
}

// add checks one comment and inserts it. A refusal (comment.ErrBadParent,
// ErrFlood, ErrDuplicate) leaves the transaction usable for the next
// comment, since it is found by reading before anything is written; any
// other error means the transaction must be abandoned.
func (ct *commentTx) add(ctx context.Context, c *comment.Comment, flood time.Duration) (refused, err error) {
	if c.ParentID != 0 {
		var (
			articleID int64
			status    string
		)
		err := ct.parent.QueryRowContext(ctx, c.ParentID).Scan(&articleID, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return comment.ErrBadParent, nil
		case err != nil:
			return nil, err
		case articleID != c.ArticleID || comment.Status(status) != comment.StatusApproved:
			return comment.ErrBadParent, nil
		}
	}
	if flood > 0 {
		found, err := exists(ctx, ct.flood, c.IP, c.Email, toMicros(c.Created.Add(-flood)))
		if err != nil {
			return nil, err
		}
		if found {
			return comment.ErrFlood, nil
		}
	}
	hash := contentHash(c.Content)
	found, err := exists(ctx, ct.dup, c.ArticleID, hash, c.ParentID, c.Content, c.Author, c.Email)
	if err != nil {
		return nil, err
	}
	if found {
		return comment.ErrDuplicate, nil
	}
	reasons := []byte("[]")
	if len(c.SpamReasons) > 0 {
		if reasons, err = json.Marshal(c.SpamReasons); err != nil {
			return nil, err
		}
	}
	err = ct.insert.QueryRowContext(ctx, c.ArticleID, c.ParentID, c.Author, c.Email, c.URL, c.Content, hash,
		c.IP, c.UserAgent, c.Referrer, string(c.Status), string(reasons),
		toMicros(c.Created), toMicros(c.StatusChanged), c.StatusChangedBy).Scan(&c.ID)
	if err != nil {
		return nil, err
	}
	if c.Status == comment.StatusApproved {
		ct.approved = true
	}
	return nil, nil
}

func exists(ctx context.Context, st *sql.Stmt, args ...any) (bool, error) {
	var one int
	err := st.QueryRowContext(ctx, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// contentHash keys the duplicate check's index; the text itself is still
// compared, so a collision cannot refuse a comment.
func contentHash(content string) string {
	h := sha256.Sum256([]byte(content))
	return hex.EncodeToString(h[:16])
}

// fillDefaults completes a comment stored without going through
// comment.Service (imports, tests).
func (s *Store) fillDefaults(c *comment.Comment) {
	// One spelling per address, so flood, duplicate and previously-approved
	// checks match however it was typed.
	c.Email = strings.ToLower(c.Email)
	if c.Created.IsZero() {
		c.Created = s.now()
	}
	if c.StatusChanged.IsZero() {
		c.StatusChanged = c.Created
	}
	if c.StatusChangedBy == "" {
		c.StatusChangedBy = comment.SystemActor
	}
	if c.Status == "" {
		c.Status = comment.StatusPending
	}
}

// InsertComment stores one comment in its own transaction, with the checks
// comment.Store documents. Use a CommentWriter where many comments arrive
// at once: it shares one transaction, and one disk flush, among them.
func (s *Store) InsertComment(ctx context.Context, c *comment.Comment, flood time.Duration) error {
	s.fillDefaults(c)
	if !c.Status.Valid() {
		return errors.New("unknown comment status " + string(c.Status))
	}
	ct, err := s.beginCommentTx(ctx)
	if err != nil {
		return s.mapErr(err)
	}
	refused, err := ct.add(ctx, c, flood)
	if err != nil || refused != nil {
		ct.rollback()
		c.ID = 0
		if refused != nil {
			return refused
		}
		return s.mapErr(err)
	}
	if err := ct.commit(ctx); err != nil {
		c.ID = 0
		return s.mapErr(err)
	}
	return nil
}
