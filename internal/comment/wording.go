package comment

import (
	"strconv"
)

// CountText is the comment count as the reference page words it:
// `Be the first to comment on "Headline"`, "1 Comment", "1,234 Comments".
// The result is plain text; templates escape it.
func CountText(n int, headline string) string {
	switch n {
	case 0:
		return `Be the first to comment on "` + headline + `"`
	case 1:
		return "1 Comment"
	}
	return groupThousands(n) + " Comments"
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
