package comment_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestConcurrentSubmit posts from many goroutines at once through two
// "instances" (two Stores, each with its own CommentWriter, on one
// database): every acknowledged comment must be stored, and racing must not
// let a flood or a duplicate through.
func TestConcurrentSubmit(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			ctx := context.Background()
			st1, st2 := storetest.Open(t, db.URL), storetest.Open(t, db.URL)
			e := newEnv(t, st1)
			w1, w2 := store.NewCommentWriter(st1), store.NewCommentWriter(st2)
			defer w2.Close()
			defer w1.Close()
			svcs := []*comment.Service{
				e.service(comment.Config{Store: w1}),
				e.service(comment.Config{Store: w2}),
			}

			const readers = 60
			type result struct {
				c   *comment.Comment
				err error
			}
			results := make([][]result, readers)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for r := range readers {
				results[r] = make([]result, 4)
				in := e.input(fmt.Sprintf("Racer %d", r))
				// Each reader sends the same comment twice (one per
				// instance) and two other comments: of the four, exactly
				// one may pass the flood limit.
				posts := []comment.Input{in, in, in, in}
				posts[2].Content += " (second thought)"
				posts[3].Content += " (third thought)"
				for i, p := range posts {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						c, err := svcs[i%2].Submit(ctx, p)
						results[r][i] = result{c, err}
					}()
				}
			}
			close(start)
			wg.Wait()

			var acked []*comment.Comment
			for r, rs := range results {
				ok := 0
				for _, res := range rs {
					switch {
					case res.err == nil:
						ok++
						acked = append(acked, res.c)
					case errors.Is(res.err, comment.ErrFlood), errors.Is(res.err, comment.ErrDuplicate):
					default:
						t.Fatalf("reader %d: %v", r, res.err)
					}
				}
				if ok != 1 {
					t.Errorf("reader %d: %d of 4 accepted; flood or duplicate rule raced", r, ok)
				}
			}
			for _, c := range acked {
				got, err := st2.Comment(ctx, c.ID)
				if err != nil || got.Content != c.Content || got.Author != c.Author {
					t.Errorf("acknowledged comment %d not stored: %v", c.ID, err)
				}
			}
			all, _ := st1.Comments(ctx, store.CommentQuery{Limit: 10 * readers})
			if len(all) != len(acked) {
				t.Errorf("%d stored, %d acknowledged", len(all), len(acked))
			}

			// Past the flood window each reader may post again.
			e.clk.add(16 * time.Second)
			in := e.input("Racer 0")
			in.Content = "after the window"
			if _, err := svcs[1].Submit(ctx, in); err != nil {
				t.Errorf("after the window: %v", err)
			}
		})
	}
}
