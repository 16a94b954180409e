package cli

import (
	"context"
	"log/slog"

	"masthead/internal/comment"
	"masthead/internal/store"
)

// commentLearner teaches the spam filter from a moderator's decision.
type commentLearner interface {
	LearnComment(ctx context.Context, c *comment.Comment, spam bool) error
}

// openLearner returns the spam filter that moderation decisions teach.
// serve passes its running filter instead, through c.learner.
func (c *call) openLearner(ctx context.Context, st *store.Store) (commentLearner, error) {
	if c.learner != nil {
		return c.learner, nil
	}
	f, err := openFilter(ctx, st, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	return commentFilter{f}, nil
}
