package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ErrLeased means another poller holds the source's lease right now.
var ErrLeased = errors.New("being polled by another instance")

// A lease is taken with one conditional UPDATE: of several instances on
// one database, exactly one sees its row change. leased_by holds a token
// unique to the lease, so a poller that outlived its lease cannot release
// or overwrite the next holder's.

// LeaseDueSources leases up to limit sources due at now to holder until
// until, and returns them. Sources another holder has are skipped.
func (s *Store) LeaseDueSources(ctx context.Context, holder string, now, until time.Time, limit int) ([]*Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM sources
		WHERE next_poll_at <= $1 AND leased_until < $1 ORDER BY next_poll_at, id LIMIT $2`,
		toMicros(now), limit)
	if err != nil {
		return nil, s.mapErr(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, s.mapErr(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.mapErr(err)
	}
	var out []*Source
	for _, id := range ids {
		src, err := s.lease(ctx, id, holder, now, until, true)
		if errors.Is(err, ErrLeased) || errors.Is(err, ErrNotFound) {
			continue // taken, or no longer due, since the SELECT
		}
		if err != nil {
			return out, err
		}
		out = append(out, src)
	}
	return out, nil
}

// LeaseSource leases one source whether it is due or not, for "poll now".
// It fails with ErrLeased if another holder has it.
func (s *Store) LeaseSource(ctx context.Context, id int64, holder string, now, until time.Time) (*Source, error) {
	return s.lease(ctx, id, holder, now, until, false)
}

func (s *Store) lease(ctx context.Context, id int64, holder string, now, until time.Time, dueOnly bool) (*Source, error) {
	// Not cancellable once started: a lease taken in the database but lost
	// to a cancelled call would block the source until it expired.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	q := `UPDATE sources SET leased_until = $1, leased_by = $2 WHERE id = $3 AND leased_until < $4`
	if dueOnly {
		q += ` AND next_poll_at <= $4`
	}
	res, err := s.db.ExecContext(ctx, q, toMicros(until), holder, id, toMicros(now))
	if err != nil {
		return nil, s.mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, s.mapErr(err)
	} else if n == 0 {
		if _, err := s.SourceByID(ctx, id); err != nil {
			return nil, err
		}
		return nil, ErrLeased
	}
	return s.SourceByID(ctx, id)
}

// FinishPoll records the outcome of a poll and releases the lease. It
// fails with ErrLeased if the lease was lost (it expired and another
// holder took the source); nothing is written then.
func (s *Store) FinishPoll(ctx context.Context, id int64, holder string, st PollState) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sources SET etag = $3, last_modified = $4,
			next_poll_at = $5, last_poll_at = $6, last_success_at = $7, last_error = $8, failures = $9,
			leased_until = 0, leased_by = ''
			WHERE id = $1 AND leased_by = $2`,
			id, holder, st.ETag, st.LastModified, toMicros(st.NextAt), toMicros(st.LastAt),
			toMicros(st.LastSuccessAt), st.LastError, st.Failures)
		if err := expectOne(res, err); errors.Is(err, ErrNotFound) {
			return ErrLeased
		} else {
			return err
		}
	})
}

// ReleaseSource gives a lease back without recording a poll, as when the
// poller is stopped halfway.
func (s *Store) ReleaseSource(ctx context.Context, id int64, holder string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sources SET leased_until = 0, leased_by = ''
		WHERE id = $1 AND leased_by = $2`, id, holder)
	return s.mapErr(err)
}
