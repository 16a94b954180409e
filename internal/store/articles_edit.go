package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"masthead/internal/article"
)

// ErrNoDerivatives is what an edit of a No-Derivatives story's text fails
// with; test with errors.Is. The error itself is a *NoDerivativesError.
var ErrNoDerivatives = errors.New("the licence forbids changing this story's text")

// NoDerivativesError says which licence refused an edit, in words an
// editor can act on.
type NoDerivativesError struct {
	Licence string // "CC BY-ND 4.0"
}

func (e *NoDerivativesError) Error() string {
	name := e.Licence
	if name == "" {
		name = "This story's licence"
	}
	return name + " forbids changing this story's text; only unpublishing, tags and presentation may change"
}

func (e *NoDerivativesError) Is(target error) bool { return target == ErrNoDerivatives }

// UpdateArticleBody replaces an article's body (already sanitized) as an
// editor's edit. Stories under a No-Derivatives licence are kept as
// received: a different body is refused with a *NoDerivativesError.
// Upstream corrections are not edits and go through the poller instead.
func (s *Store) UpdateArticleBody(ctx context.Context, id int64, body string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var old, name, url string
		err := tx.QueryRowContext(ctx, `SELECT body_html, licence_name, licence_url FROM articles WHERE id = $1`, id).
			Scan(&old, &name, &url)
		if err != nil {
			return err
		}
		if body == old {
			return nil
		}
		if noDerivatives(name, url) {
			return &NoDerivativesError{Licence: name}
		}
		now := toMicros(s.now())
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET body_html = $2, updated_at = $3, modified_at = $3 WHERE id = $1`,
			id, body, now); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// noDerivatives recognises a No-Derivatives licence by its short name
// ("CC BY-NC-ND 4.0"), its wording ("…NoDerivatives…") or its URL.
func noDerivatives(name, url string) bool {
	if (article.Licence{Name: name}).NoDerivatives() {
		return true
	}
	up := strings.ToUpper(name)
	if strings.Contains(up, "NODERIV") || strings.Contains(up, "NO DERIV") {
		return true
	}
	return strings.Contains(url, "creativecommons.org/licenses/") && strings.Contains(url, "-nd")
}
