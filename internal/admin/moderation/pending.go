package moderation

import (
	"context"

	"masthead/internal/admin"
	"masthead/internal/comment"
)

// Counter is what the waiting count needs from the database.
type Counter interface {
	CountComments(ctx context.Context, status comment.Status) (int, error)
}

// Pending counts the comments waiting for a moderator, for
// admin.Config.Pending. It is built apart from Register because the back
// office needs it before the queue's routes can be added.
func Pending(st Counter) admin.PendingCounter { return pending{st} }

type pending struct{ st Counter }

func (p pending) PendingCount(ctx context.Context) (int, error) {
	return p.st.CountComments(ctx, comment.StatusPending)
}
