package syndication

import (
	"context"
	"errors"
	"fmt"

	"masthead/internal/article"
	"masthead/internal/store"
)

// ErrNotPublishable is what publishing a story that breaks its source's
// rules fails with; the error says which rule.
var ErrNotPublishable = errors.New("cannot be published")

// InboxStore is what publishing from the inbox needs of the store.
type InboxStore interface {
	InboxItem(ctx context.Context, id int64) (*store.InboxItem, error)
	SourceByID(ctx context.Context, id int64) (*store.Source, error)
	PublishInboxItem(ctx context.Context, id int64, a *article.Article, syn store.Syndication) error
}

// PublishFromInbox publishes a waiting story as an editor asked, applying
// its source's rules as they stand now (the licence may have been set
// since the story arrived), and returns the article.
func PublishFromInbox(ctx context.Context, st InboxStore, id int64) (*article.Article, error) {
	it, err := st.InboxItem(ctx, id)
	if err != nil {
		return nil, err
	}
	if it.Status == store.InboxPublished {
		return nil, fmt.Errorf("%w: inbox story %d is already published", store.ErrConflict, id)
	}
	src, err := st.SourceByID(ctx, it.SourceID)
	if err != nil {
		return nil, err
	}
	e := Prepare(it.Received, src)
	if e.Problem != "" {
		return nil, fmt.Errorf("story %d %w: %s", id, ErrNotPublishable, e.Problem)
	}
	if err := st.PublishInboxItem(ctx, id, e.Prepared, e.Syndication); err != nil {
		return nil, err
	}
	return e.Prepared, nil
}
