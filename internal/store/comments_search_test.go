package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestSearchComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := newArticle(t, s, "search")
		add := func(who, text, ip string, status comment.Status, minute int) int64 {
			c := newComment(a.ID, who, text, t0.Add(time.Duration(minute)*time.Minute))
			c.IP, c.Status = ip, status
			if err := s.InsertComment(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		sure := add("ann", "I am 100% sure", "192.0.2.10", comment.StatusPending, 1)
		thousand := add("bob", "1000 reasons", "192.0.2.11", comment.StatusPending, 2)
		under := add("cy_d", "snake_case wins", "198.51.100.7", comment.StatusApproved, 3)
		shout := add("Dee", "HELLO World", "2001:db8::1", comment.StatusSpam, 4)
		back := add("eve", `a back\slash`, "203.0.113.5", comment.StatusTrash, 5)

		cases := []struct {
			name   string
			q      store.CommentSearch
			wantID []int64 // newest first
		}{
			{"everything", store.CommentSearch{}, []int64{back, shout, under, thousand, sure}},
			{"by status", store.CommentSearch{Status: comment.StatusPending}, []int64{thousand, sure}},
			{"text, percent is literal", store.CommentSearch{Text: "100%"}, []int64{sure}},
			{"text, underscore is literal", store.CommentSearch{Text: "e_c"}, []int64{under}},
			{"text, backslash is literal", store.CommentSearch{Text: `k\s`}, []int64{back}},
			{"text ignores case", store.CommentSearch{Text: "hello world"}, []int64{shout}},
			{"author", store.CommentSearch{Text: "DEE"}, []int64{shout}},
			{"email", store.CommentSearch{Text: "bob@example"}, []int64{thousand}},
			{"ip", store.CommentSearch{Text: "198.51.100"}, []int64{under}},
			{"ipv6", store.CommentSearch{Text: "2001:DB8"}, []int64{shout}},
			{"text within a status", store.CommentSearch{Status: comment.StatusApproved, Text: "example.org"}, []int64{under}},
			{"no match", store.CommentSearch{Text: "zebra"}, nil},
			{"blank is everything", store.CommentSearch{Text: "  ", Limit: 2}, []int64{back, shout}},
			{"paging", store.CommentSearch{Limit: 2, Offset: 2}, []int64{under, thousand}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				list, err := s.SearchComments(ctx, c.q)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, cm := range list {
					got = append(got, cm.ID)
				}
				if !slices.Equal(got, c.wantID) {
					t.Errorf("got %v, want %v", got, c.wantID)
				}
			})
		}

		counts, err := s.CommentStatusCounts(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		want := map[comment.Status]int{comment.StatusPending: 2, comment.StatusApproved: 1, comment.StatusSpam: 1, comment.StatusTrash: 1}
		for st, n := range want {
			if counts[st] != n {
				t.Errorf("count %s = %d, want %d (all: %v)", st, counts[st], n, counts)
			}
		}
		if counts, err = s.CommentStatusCounts(ctx, "192.0.2."); err != nil || len(counts) != 1 || counts[comment.StatusPending] != 2 {
			t.Errorf("counts for a search = %v, %v; want 2 pending only", counts, err)
		}
		if n, err := s.CountComments(ctx, comment.StatusPending); err != nil || n != 2 {
			t.Errorf("pending = %d, %v; want 2", n, err)
		}
	})
}

func TestCommentArticles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := newArticle(t, s, "one"), newArticle(t, s, "two")
		got, err := s.CommentArticles(context.Background(), []int64{a.ID, b.ID, 9999})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[a.ID].Headline != a.Headline || got[b.ID].Path() != b.Path() {
			t.Errorf("got %+v", got)
		}
		if got, err := s.CommentArticles(context.Background(), nil); err != nil || len(got) != 0 {
			t.Errorf("no ids: %v, %v", got, err)
		}
	})
}
