package comment_test

import (
	"testing"

	"masthead/internal/comment"
)

func TestCountText(t *testing.T) {
	h := "Why would Islamic State attack Russia and what does this mean for the terrorism threat globally?"
	tests := []struct {
		n    int
		want string
	}{
		{0, `Be the first to comment on "` + h + `"`},
		{1, "1 Comment"},
		{2, "2 Comments"},
		{999, "999 Comments"},
		{1234, "1,234 Comments"},
		{1234567, "1,234,567 Comments"},
	}
	for _, tc := range tests {
		if got := comment.CountText(tc.n, h); got != tc.want {
			t.Errorf("CountText(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
