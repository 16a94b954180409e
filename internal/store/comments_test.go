package store_test

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"sync"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

var t0 = time.Date(2024, 3, 25, 12, 0, 0, 0, time.UTC)

// newArticle stores a published article for comments to hang on.
func newArticle(t *testing.T, s *store.Store, slug string) *article.Article {
	t.Helper()
	a := &article.Article{Headline: "Headline " + slug, Slug: slug, BodyHTML: "<p>b</p>", Published: t0.AddDate(0, 0, -1)}
	if err := s.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func newComment(articleID int64, who, text string, at time.Time) *comment.Comment {
	return &comment.Comment{
		ArticleID: articleID, Author: who, Email: who + "@example.org", Content: text,
		IP: ipFor(who), Status: comment.StatusApproved, Created: at,
		SpamReasons: []string{"reason " + who},
	}
}

// ipFor gives each name its own address.
func ipFor(who string) string {
	h := fnv.New32a()
	h.Write([]byte(who))
	return fmt.Sprintf("10.%d.%d.%d", h.Sum32()>>16&255, h.Sum32()>>8&255, h.Sum32()&255)
}

func TestInsertCommentChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := newArticle(t, s, "a"), newArticle(t, s, "b")
		first := newComment(a.ID, "ann", "Hello", t0)
		if err := s.InsertComment(ctx, first, 15*time.Second); err != nil {
			t.Fatal(err)
		}
		held := newComment(a.ID, "hal", "held one", t0)
		held.Status = comment.StatusPending
		if err := s.InsertComment(ctx, held, 0); err != nil {
			t.Fatal(err)
		}
		trashed := newComment(a.ID, "tom", "Trash me", t0)
		trashed.Status = comment.StatusTrash
		if err := s.InsertComment(ctx, trashed, 0); err != nil {
			t.Fatal(err)
		}
		other := newComment(b.ID, "oscar", "On b", t0)
		if err := s.InsertComment(ctx, other, 0); err != nil {
			t.Fatal(err)
		}
		later := t0.Add(20 * time.Second)
		tests := []struct {
			name  string
			c     func() *comment.Comment
			flood time.Duration
			want  error
		}{
			{"flood by ip", func() *comment.Comment {
				c := newComment(a.ID, "bob", "Other text", t0.Add(5*time.Second))
				c.IP = first.IP
				return c
			}, 15 * time.Second, comment.ErrFlood},
			{"flood by email", func() *comment.Comment {
				c := newComment(a.ID, "bob", "Other text", t0.Add(5*time.Second))
				c.Email = first.Email
				return c
			}, 15 * time.Second, comment.ErrFlood},
			{"flood off with 0", func() *comment.Comment {
				c := newComment(a.ID, "bob", "Flood off", t0.Add(time.Second))
				c.Email, c.IP = first.Email, first.IP
				return c
			}, 0, nil},
			{"flood window over", func() *comment.Comment {
				c := newComment(a.ID, "ann", "Later", t0.Add(16*time.Second)) // 15s after "flood off"
				c.IP = "198.51.100.1"
				return c
			}, 15 * time.Second, nil},
			{"duplicate same name", func() *comment.Comment {
				c := newComment(a.ID, "ann", "Hello", later)
				c.Email, c.IP = "new@example.org", "198.51.100.2"
				return c
			}, 15 * time.Second, comment.ErrDuplicate},
			{"duplicate same email", func() *comment.Comment {
				c := newComment(a.ID, "anne", "Hello", later)
				c.Email, c.IP = first.Email, "198.51.100.3"
				return c
			}, 0, comment.ErrDuplicate},
			{"same text other author", func() *comment.Comment { return newComment(a.ID, "carl", "Hello", later) }, 15 * time.Second, nil},
			{"same text other article", func() *comment.Comment { return newComment(b.ID, "ann", "Hello", later.Add(time.Hour)) }, 15 * time.Second, nil},
			{"same text as a reply", func() *comment.Comment {
				c := newComment(a.ID, "ann", "Hello", later.Add(2*time.Hour))
				c.ParentID = first.ID
				return c
			}, 15 * time.Second, nil},
			{"same text as trashed", func() *comment.Comment { return newComment(a.ID, "tom", "Trash me", later.Add(3*time.Hour)) }, 15 * time.Second, nil},
			{"parent missing", func() *comment.Comment {
				c := newComment(a.ID, "dan", "Reply", later)
				c.ParentID = 999999
				return c
			}, 0, comment.ErrBadParent},
			{"parent on another article", func() *comment.Comment {
				c := newComment(a.ID, "dan", "Reply", later)
				c.ParentID = other.ID
				return c
			}, 0, comment.ErrBadParent},
			{"parent not approved", func() *comment.Comment {
				c := newComment(a.ID, "dan", "Reply", later)
				c.ParentID = held.ID
				return c
			}, 0, comment.ErrBadParent},
			{"parent approved", func() *comment.Comment {
				c := newComment(a.ID, "dan", "Reply", later)
				c.ParentID = first.ID
				return c
			}, 0, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				c := tc.c()
				err := s.InsertComment(ctx, c, tc.flood)
				if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
					t.Fatalf("InsertComment = %v, want %v", err, tc.want)
				}
				if (c.ID != 0) != (tc.want == nil) {
					t.Errorf("id = %d after %v", c.ID, err)
				}
			})
		}
		got, err := s.Comment(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Author != "ann" || got.Email != first.Email || got.IP != first.IP || !got.Created.Equal(t0) ||
			got.Status != comment.StatusApproved || len(got.SpamReasons) != 1 || got.StatusChangedBy != comment.SystemActor {
			t.Errorf("round trip: %+v", got)
		}
	})
}

func TestInsertBumpsOnlyVisible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := newArticle(t, s, "a")
		v0, _ := s.Version(ctx)
		c := newComment(a.ID, "ann", "held", t0)
		c.Status = comment.StatusPending
		if err := s.InsertComment(ctx, c, 0); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Version(ctx); v != v0 {
			t.Errorf("held comment bumped version %d -> %d", v0, v)
		}
		if err := s.InsertComment(ctx, newComment(a.ID, "bob", "shown", t0), 0); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Version(ctx); v <= v0 {
			t.Errorf("approved comment did not bump version")
		}
	})
}

func TestCommentWriterBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := newArticle(t, s, "a")
		w := store.NewCommentWriter(s)
		// 40 posters, each sending the same comment twice and a second
		// one right after from the same IP: exactly one of each pair may
		// pass, and no flood may pass.
		const n = 40
		var wg sync.WaitGroup
		errs := make([][3]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				who := fmt.Sprintf("p%02d", i)
				mk := func(text string) *comment.Comment {
					c := newComment(a.ID, who, text, t0)
					c.IP = "10.0.0." + fmt.Sprint(i)
					return c
				}
				var inner sync.WaitGroup
				for j, text := range []string{"same", "same", "other"} {
					inner.Add(1)
					go func() {
						defer inner.Done()
						errs[i][j] = w.InsertComment(ctx, mk(text), 15*time.Second)
					}()
				}
				inner.Wait()
			}()
		}
		wg.Wait()
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		for i, e := range errs {
			ok := 0
			for _, err := range e {
				switch {
				case err == nil:
					ok++
				case errors.Is(err, comment.ErrFlood), errors.Is(err, comment.ErrDuplicate):
				default:
					t.Fatalf("poster %d: %v", i, err)
				}
			}
			if ok != 1 {
				t.Errorf("poster %d: %d comments accepted, want 1 (%v)", i, ok, e)
			}
		}
		list, err := s.Comments(ctx, store.CommentQuery{ArticleID: a.ID, Limit: 1000})
		if err != nil || len(list) != n {
			t.Fatalf("stored %d comments (%v), want %d", len(list), err, n)
		}
		if err := w.InsertComment(ctx, newComment(a.ID, "late", "x", t0), 0); !errors.Is(err, comment.ErrUnavailable) {
			t.Errorf("insert after Close = %v", err)
		}
	})
}

func TestModeration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := newArticle(t, s, "a")
		root := newComment(a.ID, "ann", "root", t0)
		if err := s.InsertComment(ctx, root, 0); err != nil {
			t.Fatal(err)
		}
		reply := newComment(a.ID, "bob", "reply", t0.Add(time.Minute))
		reply.ParentID = root.ID
		if err := s.InsertComment(ctx, reply, 0); err != nil {
			t.Fatal(err)
		}
		held := newComment(a.ID, "hal", "held", t0.Add(2*time.Minute))
		held.Status = comment.StatusPending
		if err := s.InsertComment(ctx, held, 0); err != nil {
			t.Fatal(err)
		}

		s.SetClock(func() time.Time { return t0.Add(time.Hour) })
		v0, _ := s.Version(ctx)
		if err := s.SetCommentStatus(ctx, reply.ID, comment.StatusSpam, "editor"); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Version(ctx); v <= v0 {
			t.Error("status change did not bump version")
		}
		got, _ := s.Comment(ctx, reply.ID)
		if got.Status != comment.StatusSpam || got.StatusChangedBy != "editor" || !got.StatusChanged.Equal(t0.Add(time.Hour)) {
			t.Errorf("after spam: %+v", got)
		}
		hist, err := s.CommentHistory(ctx, reply.ID)
		if err != nil || len(hist) != 1 || hist[0].From != comment.StatusApproved || hist[0].To != comment.StatusSpam || hist[0].By != "editor" {
			t.Errorf("history = %+v, %v", hist, err)
		}
		if err := s.SetCommentStatus(ctx, 424242, comment.StatusTrash, "editor"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing comment: %v", err)
		}
		if err := s.SetCommentStatus(ctx, reply.ID, "bogus", "editor"); err == nil {
			t.Error("bogus status accepted")
		}

		spam, _ := s.Comments(ctx, store.CommentQuery{Status: comment.StatusSpam})
		all, _ := s.Comments(ctx, store.CommentQuery{})
		if len(spam) != 1 || spam[0].ID != reply.ID || len(all) != 3 || all[0].ID != held.ID {
			t.Errorf("lists: spam %d, all %d", len(spam), len(all))
		}

		shown, err := s.ArticleComments(ctx, a.ID, nil)
		if err != nil || len(shown) != 1 || shown[0].ID != root.ID {
			t.Errorf("ArticleComments = %v, %v", shown, err)
		}
		// Held ids come back in any status; the comment service decides
		// which still show to their author.
		withHeld, _ := s.ArticleComments(ctx, a.ID, []int64{held.ID, reply.ID, 424242})
		if len(withHeld) != 3 || withHeld[0].ID != root.ID || !slices.ContainsFunc(withHeld, func(c *comment.Comment) bool {
			return c.ID == held.ID && c.Status == comment.StatusPending
		}) {
			t.Errorf("with held = %d comments", len(withHeld))
		}
		counts, err := s.CommentCounts(ctx, []int64{a.ID, a.ID + 100})
		if err != nil || counts[a.ID] != 1 || len(counts) != 1 {
			t.Errorf("counts = %v, %v", counts, err)
		}
		if ok, _ := s.HasApprovedComment(ctx, "ann", root.Email); !ok {
			t.Error("ann has an approved comment")
		}
		if ok, _ := s.HasApprovedComment(ctx, "hal", held.Email); ok {
			t.Error("hal has none")
		}

		// Deleting the root moves the reply up to the top level.
		if err := s.SetCommentStatus(ctx, reply.ID, comment.StatusApproved, "editor"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteComment(ctx, root.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Comment(ctx, reply.ID); got.ParentID != 0 {
			t.Errorf("reply parent = %d after delete", got.ParentID)
		}
		if _, err := s.Comment(ctx, root.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted comment: %v", err)
		}
		if err := s.DeleteComment(ctx, root.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("delete twice: %v", err)
		}
	})
}

func TestRetention(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := newArticle(t, s, "a")
		old := newComment(a.ID, "old", "old", t0.AddDate(0, 0, -40))
		oldDiscard := newComment(a.ID, "bot", "buy", t0.AddDate(0, 0, -40))
		oldDiscard.Status = comment.StatusDiscard
		recent := newComment(a.ID, "new", "new", t0)
		for _, c := range []*comment.Comment{old, oldDiscard, recent} {
			if err := s.InsertComment(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.EraseOldIPs(ctx, t0.AddDate(0, 0, -30))
		if err != nil || n != 2 {
			t.Errorf("EraseOldIPs = %d, %v; want 2", n, err)
		}
		if got, _ := s.Comment(ctx, old.ID); got.IP != "" {
			t.Errorf("old IP kept: %q", got.IP)
		}
		if got, _ := s.Comment(ctx, recent.ID); got.IP != recent.IP {
			t.Errorf("recent IP lost: %q", got.IP)
		}
		if n, _ := s.EraseOldIPs(ctx, t0.AddDate(0, 0, -30)); n != 0 {
			t.Errorf("second erase touched %d", n)
		}
		n, err = s.PurgeDiscarded(ctx, t0.AddDate(0, 0, -30))
		if err != nil || n != 1 {
			t.Errorf("PurgeDiscarded = %d, %v", n, err)
		}
	})
}

func TestCommentArticle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a := newArticle(t, s, "a")
		got, err := s.CommentArticle(context.Background(), a.ID)
		if err != nil || got.ID != a.ID || got.Headline != a.Headline {
			t.Errorf("CommentArticle = %+v, %v", got, err)
		}
		if _, err := s.CommentArticle(context.Background(), a.ID+1); !errors.Is(err, comment.ErrArticleNotFound) {
			t.Errorf("missing article: %v", err)
		}
	})
}
