package store

import (
	"context"
	"time"
)

// Session is one signed-in browser. ID is the hex SHA-256 of the token the
// browser holds; the token itself is never stored.
type Session struct {
	ID        string
	UserID    int64
	CSRF      string // the token every state-changing form carries
	UserAgent string
	IP        string
	Created   time.Time
	LastSeen  time.Time
	Expires   time.Time
}

const sessionColumns = `s.id, s.user_id, s.csrf_token, s.user_agent, s.ip, s.created_at, s.last_seen, s.expires_at`

func scanSession(row interface{ Scan(...any) error }, extra ...any) (*Session, error) {
	var (
		ss                     Session
		created, seen, expires int64
	)
	dest := append([]any{&ss.ID, &ss.UserID, &ss.CSRF, &ss.UserAgent, &ss.IP, &created, &seen, &expires}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	ss.Created, ss.LastSeen, ss.Expires = fromMicros(created), fromMicros(seen), fromMicros(expires)
	return &ss, nil
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, ss *Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions
		(id, user_id, csrf_token, user_agent, ip, created_at, last_seen, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		ss.ID, ss.UserID, ss.CSRF, ss.UserAgent, ss.IP,
		toMicros(ss.Created), toMicros(ss.LastSeen), toMicros(ss.Expires))
	return s.mapErr(err)
}

// SessionUser finds a session that has not expired, with its account, in
// one query: it runs on every back-office request. Unknown and expired
// sessions are both ErrNotFound.
func (s *Store) SessionUser(ctx context.Context, id string) (*Session, *User, error) {
	var (
		u       User
		created int64
	)
	ss, err := scanSession(s.db.QueryRowContext(ctx, `SELECT `+sessionColumns+`,
		u.id, u.email, u.name, u.role, u.password_hash, u.disabled, u.created_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id = $1 AND s.expires_at > $2`, id, toMicros(s.now())),
		&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &created)
	if err != nil {
		return nil, nil, s.mapErr(err)
	}
	u.Created = fromMicros(created)
	return ss, &u, nil
}

// TouchSession records activity and moves the session's end.
func (s *Store) TouchSession(ctx context.Context, id string, seen, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_seen = $2, expires_at = $3 WHERE id = $1`,
		id, toMicros(seen), toMicros(expires))
	return s.mapErr(err)
}

// DeleteSession ends a session; ending one that is gone is not an error.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, id)
	return s.mapErr(err)
}

// DeleteUserSessions ends every session of one account and says how many.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		return 0, s.mapErr(err)
	}
	n, err := res.RowsAffected()
	return n, s.mapErr(err)
}

// DeleteExpiredSessions removes sessions past their end and says how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, toMicros(s.now()))
	if err != nil {
		return 0, s.mapErr(err)
	}
	n, err := res.RowsAffected()
	return n, s.mapErr(err)
}

// ActiveSessions lists the sessions that have not expired, most recently
// seen first, for the administrators to see who is signed in from where.
func (s *Store) ActiveSessions(ctx context.Context) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions s
		WHERE s.expires_at > $1 ORDER BY s.last_seen DESC, s.id`, toMicros(s.now()))
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, *ss)
	}
	return out, s.mapErr(rows.Err())
}
