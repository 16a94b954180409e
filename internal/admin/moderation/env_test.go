package moderation_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/admin/moderation"
	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// env is the back office with the queue registered, as serve mounts it,
// on a real database, with an article to comment on.
type env struct {
	*admintest.Env
	learner *learner
	art     *article.Article
}

// learner records what the queue taught it.
type learner struct {
	mu      sync.Mutex
	lessons []lesson
	fail    bool
}

type lesson struct {
	ID   int64
	Spam bool
}

func (l *learner) LearnComment(_ context.Context, c *comment.Comment, spam bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail {
		return fmt.Errorf("model unavailable")
	}
	l.lessons = append(l.lessons, lesson{c.ID, spam})
	return nil
}

func (l *learner) taught() []lesson {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]lesson(nil), l.lessons...)
}

// each runs fn on every dialect with a fresh back office showing perPage
// comments a page.
func each(t *testing.T, perPage int, fn func(t *testing.T, e *env)) {
	admintest.Each(t, func(t *testing.T, st *store.Store) *env { return newEnv(t, st, perPage) }, fn)
}

// newEnv builds the back office as serve does, with the queue's count in
// the layout; also registers other screens beside the queue.
func newEnv(t *testing.T, st *store.Store, perPage int, also ...func(*admin.Admin) error) *env {
	t.Helper()
	base := admintest.New(t, st, admintest.Configure(func(c *admin.Config) { c.Pending = moderation.Pending(st) }))
	e := &env{Env: base, learner: &learner{}}
	if err := moderation.Register(e.Admin, moderation.Deps{Store: st, Learner: e.learner, Log: e.Log, PerPage: perPage}); err != nil {
		t.Fatal(err)
	}
	for _, register := range also {
		if err := register(e.Admin); err != nil {
			t.Fatal(err)
		}
	}
	e.art = &article.Article{Headline: "Russia’s war, explained", Slug: "war", BodyHTML: "<p>b</p>",
		Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	if err := st.CreateArticle(context.Background(), e.art); err != nil {
		t.Fatal(err)
	}
	return e
}

// comment stores a comment on the test article.
func (e *env) comment(c comment.Comment) *comment.Comment {
	e.T.Helper()
	if c.ArticleID == 0 {
		c.ArticleID = e.art.ID
	}
	if err := e.Store.InsertComment(context.Background(), &c, 0); err != nil {
		e.T.Fatal(err)
	}
	return &c
}

func (e *env) load(id int64) *comment.Comment {
	e.T.Helper()
	c, err := e.Store.Comment(context.Background(), id)
	if err != nil {
		e.T.Fatalf("comment %d: %v", id, err)
	}
	return c
}
