package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// User is a back-office account. Role is stored as text ("moderator",
// "editor", "admin"); internal/admin gives it meaning.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         string
	PasswordHash string // argon2id, PHC string format
	Disabled     bool
	Created      time.Time
}

const userColumns = `id, email, name, role, password_hash, disabled, created_at`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	var (
		u       User
		created int64
	)
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &created); err != nil {
		return nil, err
	}
	u.Created = fromMicros(created)
	return &u, nil
}

// emailKey is what makes two addresses the same account: case and
// surrounding space do not count.
func emailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser stores a new account and sets u.ID and u.Created. An address
// already taken, in any case, is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	u.Email = strings.TrimSpace(u.Email)
	if u.Created.IsZero() {
		u.Created = s.now()
	}
	err := s.db.QueryRowContext(ctx, `INSERT INTO users
		(email, email_key, name, role, password_hash, disabled, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.Email, emailKey(u.Email), u.Name, u.Role, u.PasswordHash, u.Disabled, toMicros(u.Created)).Scan(&u.ID)
	return s.mapErr(err)
}

// UserByEmail finds an account by address, ignoring case.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx,
		`SELECT `+userColumns+` FROM users WHERE email_key = $1`, emailKey(email)))
	return u, s.mapErr(err)
}

// UserByID finds an account by id.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	return u, s.mapErr(err)
}

// Users lists every account, oldest first.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, s.mapErr(err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.mapErr(err)
		}
		out = append(out, *u)
	}
	return out, s.mapErr(rows.Err())
}

// SetUserDisabled locks an account or lets it in again. Locking also ends
// its sessions, in the same transaction, so it takes effect at once.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, disabled bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET disabled = $2 WHERE id = $1`, id, disabled)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotFound
		}
		if disabled {
			_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		}
		return err
	})
}
