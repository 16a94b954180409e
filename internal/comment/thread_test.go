package comment_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"masthead/internal/comment"
)

// chain makes comments 1..n where comment k replies to parent[k] (0 = top).
func chain(parents ...int64) []*comment.Comment {
	base := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)
	var out []*comment.Comment
	for i, p := range parents {
		out = append(out, &comment.Comment{ID: int64(i + 1), ParentID: p, Created: base.Add(time.Duration(i) * time.Minute)})
	}
	return out
}

// shape prints a tree as "id(depth)[children]".
func shape(nodes []*comment.Node) string {
	var parts []string
	for _, n := range nodes {
		s := fmt.Sprintf("%d(%d)", n.ID, n.Depth)
		if len(n.Children) > 0 {
			s += "[" + shape(n.Children) + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestThread(t *testing.T) {
	deep := chain(0, 1, 2, 3, 4, 5, 6, 0) // 1 <- 2 <- 3 <- 4 <- 5 <- 6 <- 7; 8 top
	tests := []struct {
		name string
		list []*comment.Comment
		edit func(*comment.Settings)
		want string
	}{
		{"depth 5 caps nesting", deep, nil, "1(1)[2(2)[3(3)[4(4)[5(5) 6(5) 7(5)]]]] 8(1)"},
		{"depth 2", deep, func(s *comment.Settings) { s.ThreadDepth = 2 }, "1(1)[2(2) 3(2) 4(2) 5(2) 6(2) 7(2)] 8(1)"},
		{"threading off", chain(0, 1, 0), func(s *comment.Settings) { s.Threaded = false }, "1(1) 2(1) 3(1)"},
		{"newest first keeps replies in order", chain(0, 1, 1, 0), func(s *comment.Settings) { s.NewestFirst = true }, "4(1) 1(1)[2(2) 3(2)]"},
		{"orphan goes to top", chain(0, 99, 2), nil, "1(1) 2(1)[3(2)]"},
		{"input order does not matter", func() []*comment.Comment { c := chain(0, 1, 2); return []*comment.Comment{c[2], c[0], c[1]} }(), nil, "1(1)[2(2)[3(3)]]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := comment.DefaultSettings()
			if tc.edit != nil {
				tc.edit(&s)
			}
			roots := comment.Thread(tc.list, s)
			if got := shape(roots); got != tc.want {
				t.Errorf("Thread = %s\nwant   %s", got, tc.want)
			}
			if comment.Count(roots) != len(tc.list) {
				t.Errorf("Count = %d, want %d", comment.Count(roots), len(tc.list))
			}
		})
	}
}

func TestPage(t *testing.T) {
	roots := comment.Thread(chain(0, 1, 0, 0, 0, 4), comment.DefaultSettings()) // tops: 1,3,4,5
	tests := []struct {
		per, page int
		want      string
		pages     int
	}{
		{2, 1, "1(1)[2(2)] 3(1)", 2},
		{2, 2, "4(1)[6(2)] 5(1)", 2},
		{2, 3, "", 2},
		{3, 2, "5(1)", 2},
		{0, 1, "1(1)[2(2)] 3(1) 4(1)[6(2)] 5(1)", 1},
		{50, 1, "1(1)[2(2)] 3(1) 4(1)[6(2)] 5(1)", 1},
		{2, 0, "", 2},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d per page, page %d", tc.per, tc.page), func(t *testing.T) {
			got, pages := comment.Page(roots, tc.per, tc.page)
			if shape(got) != tc.want || pages != tc.pages {
				t.Errorf("Page = %s (%d pages), want %s (%d)", shape(got), pages, tc.want, tc.pages)
			}
		})
	}
	if _, pages := comment.Page(nil, 50, 1); pages != 1 {
		t.Errorf("no comments: %d pages", pages)
	}
}
