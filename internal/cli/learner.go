package cli

import (
	"context"

	"masthead/internal/comment"
	"masthead/internal/store"
)

// commentLearner teaches the spam filter from a moderator's decision.
type commentLearner interface {
	LearnComment(ctx context.Context, c *comment.Comment, spam bool) error
}

// openLearner returns the spam filter that moderation decisions teach.
func (c *call) openLearner(ctx context.Context, st *store.Store) (commentLearner, error) {
	return nil, nil
}
