package akismet

import (
	"strings"
	"testing"
)

func TestReasonsHeader(t *testing.T) {
	for _, tc := range []struct {
		name    string
		reasons []string
		email   string
		want    string
	}{
		{"plain", []string{"links to a known spam domain", "text looks like spam (score 0.97)"}, "",
			"links to a known spam domain; text looks like spam (score 0.97)"},
		{"the commenter's address, any case", []string{"sender Bob@Example.COM seen in spam"}, "bob@example.com",
			"sender [email] seen in spam"},
		{"another address", []string{"like x@y.example"}, "bob@example.com", "like [email]"},
		{"non-ASCII and controls", []string{"author İstanbul\r\nX-Evil: 1", "a;b"}, "", "author ??stanbul??X-Evil: 1; a?b"},
		{"lengths that change when lower-cased", []string{"İİİİ bob@example.com"}, "BOB@EXAMPLE.COM", "???????? [email]"},
		{"nothing", nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reasonsHeader(tc.reasons, tc.email); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	long := reasonsHeader([]string{strings.Repeat("x", 5000)}, "")
	if len(long) != maxReasonsHeader {
		t.Errorf("a 5000-byte reason gave a %d-byte header", len(long))
	}
}
