package moderation

import (
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	lines := func(n int) string { return strings.Repeat("line\n", n-1) + "line" }
	cases := []struct {
		name, text, want string
		cut              bool
	}{
		{"short", "hello", "hello", false},
		{"at the rune budget", strings.Repeat("é", excerptRunes), strings.Repeat("é", excerptRunes), false},
		{"over the rune budget", strings.Repeat("é", excerptRunes+1), strings.Repeat("é", excerptRunes), true},
		{"at the line budget", lines(excerptLines), lines(excerptLines), false},
		{"over the line budget", lines(excerptLines + 3), lines(excerptLines), true},
		{"trailing space dropped at the cut", strings.Repeat("a", excerptRunes-1) + "  b", strings.Repeat("a", excerptRunes-1), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, cut := excerpt(c.text)
			if got != c.want || cut != c.cut {
				t.Errorf("excerpt = %q, %v; want %q, %v", got, cut, c.want, c.cut)
			}
		})
	}
}
