// Package moderation is the back office's comment queue: moderators
// approve, mark as spam, trash, delete and reply to comments, one at a time
// or in bulk, search them, and see why the filter held each. Every approval
// teaches the spam filter ham and every spam verdict teaches it spam, at
// once, through the Learner.
package moderation

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"time"

	"masthead/internal/admin"
	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
)

//go:embed templates static
var files embed.FS

// Store is what the queue needs from the database; *store.Store has it.
type Store interface {
	SearchComments(ctx context.Context, q store.CommentSearch) ([]*comment.Comment, error)
	CommentStatusCounts(ctx context.Context, text string) (map[comment.Status]int, error)
	CommentArticles(ctx context.Context, ids []int64) (map[int64]*article.Article, error)
	Comment(ctx context.Context, id int64) (*comment.Comment, error)
	CommentHistory(ctx context.Context, id int64) ([]comment.StatusChange, error)
	SetCommentStatus(ctx context.Context, id int64, to comment.Status, by string) error
	DeleteComment(ctx context.Context, id int64) error
	InsertComment(ctx context.Context, c *comment.Comment, flood time.Duration) error
}

// Learner is the spam filter, taught by moderators' decisions.
type Learner interface {
	LearnComment(ctx context.Context, c *comment.Comment, spam bool) error
}

// Deps is what Register wires the queue to.
type Deps struct {
	Store Store
	// Learner learns from every approval (ham) and spam verdict; nil
	// teaches nothing.
	Learner Learner
	// Log records who did what, and learning failures; nil logs nothing.
	Log *slog.Logger
	// PerPage is how many comments a page of the queue shows (default 25).
	PerPage int
}

// handler holds the queue's dependencies and parsed pages.
type handler struct {
	adm     *admin.Admin
	st      Store
	learner Learner
	log     *slog.Logger
	perPage int
	assets  *admin.Assets
	queue   *admin.Page
	detail  *admin.Page
}

// Register adds the comment queue's routes, for moderators and up.
func Register(adm *admin.Admin, deps Deps) error {
	if adm == nil || deps.Store == nil {
		return errors.New("moderation: the back office and a store are required")
	}
	h := &handler{adm: adm, st: deps.Store, learner: deps.Learner, log: deps.Log, perPage: deps.PerPage}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.perPage <= 0 {
		h.perPage = 25
	}
	var err error
	if h.assets, err = adm.Static("/admin/comments/static/", files); err != nil {
		return err
	}
	if h.queue, err = adm.ParsePage(files, "templates/queue.html", "templates/parts.html"); err != nil {
		return err
	}
	if h.detail, err = adm.ParsePage(files, "templates/detail.html", "templates/parts.html"); err != nil {
		return err
	}
	mod := admin.RoleModerator
	adm.HandleFunc("GET /admin/comments", mod, h.list)
	adm.HandleFunc("GET /admin/comments/{id}", mod, h.show)
	adm.HandleFunc("POST /admin/comments/bulk", mod, h.bulk)
	for _, a := range actions() {
		adm.HandleFunc("POST /admin/comments/{id}/"+a.verb, mod, h.one(a))
	}
	adm.HandleFunc("POST /admin/comments/{id}/reply", mod, h.reply)
	return nil
}
