package comment_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/comment"
)

var secret = []byte("0123456789abcdef0123456789abcdef")

type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{time.Date(2024, 3, 25, 12, 0, 0, 0, time.UTC)} }
func mustTokens(t *testing.T, c *clock) *comment.Tokens {
	t.Helper()
	tok, err := comment.NewTokens(secret, c.now)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestPageToken(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	other, _ := comment.NewTokens([]byte("another secret, another site!!"), clk.now)
	tests := []struct {
		name    string
		token   func() string
		article int64
		wait    time.Duration
		want    comment.TokenState
	}{
		{"good", func() string { return tok.Issue(7) }, 7, 5 * time.Second, comment.TokenOK},
		{"missing", func() string { return "" }, 7, 0, comment.TokenMissing},
		{"garbage", func() string { return "not-a-token" }, 7, 0, comment.TokenForged},
		{"other article", func() string { return tok.Issue(8) }, 7, time.Second, comment.TokenForged},
		{"other site's key", func() string { return other.Issue(7) }, 7, time.Second, comment.TokenForged},
		{"a seen cookie is no page token", func() string { return tok.Seen() }, 7, time.Second, comment.TokenForged},
		{"tampered", func() string {
			s := []byte(tok.Issue(7))
			s[10] ^= 1
			return string(s)
		}, 7, time.Second, comment.TokenForged},
		{"truncated", func() string { s := tok.Issue(7); return s[:len(s)-2] }, 7, time.Second, comment.TokenForged},
		{"from the future", func() string { clk.add(time.Hour); s := tok.Issue(7); clk.add(-time.Hour); return s }, 7, 0, comment.TokenForged},
		{"expired", func() string { return tok.Issue(7) }, 7, comment.TokenMaxAge + time.Second, comment.TokenExpired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.token()
			clk.add(tc.wait)
			// Without a form-seen cookie the age is unknown.
			if got := tok.Check(s, "", tc.article, "192.0.2.1"); got.State != tc.want || got.Age != 0 {
				t.Errorf("Check = %v %v, want %v 0", got.State, got.Age, tc.want)
			}
		})
	}
	t.Run("shared by every reader, used many times", func(t *testing.T) {
		s := tok.Issue(7)
		for i := range 3 {
			if got := tok.Check(s, "", 7, "192.0.2.1"); got.State != comment.TokenOK {
				t.Fatalf("use %d: %v", i+1, got.State)
			}
		}
	})
	if _, err := comment.NewTokens([]byte("short"), nil); err == nil {
		t.Error("short secret accepted")
	}
}

func TestSeenCookie(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	other, _ := comment.NewTokens([]byte("another secret, another site!!"), clk.now)
	tests := []struct {
		name string
		seen func() string
		wait time.Duration
		want comment.TokenState
		age  time.Duration
	}{
		{"human pace", func() string { return tok.Seen() }, 40 * time.Second, comment.TokenOK, 40 * time.Second},
		{"fast", func() string { return tok.Seen() }, 300 * time.Millisecond, comment.TokenOK, 300 * time.Millisecond},
		{"at once: a known age is never 0", func() string { return tok.Seen() }, 0, comment.TokenOK, time.Millisecond},
		{"forged", func() string { return other.Seen() }, time.Minute, comment.TokenForged, 0},
		{"garbage", func() string { return "x" }, time.Minute, comment.TokenForged, 0},
		{"a page token is no seen cookie", func() string { return tok.Issue(7) }, time.Minute, comment.TokenForged, 0},
		{"from the future", func() string { clk.add(time.Hour); s := tok.Seen(); clk.add(-time.Hour); return s }, 0, comment.TokenForged, 0},
		{"older than a day: timing unknown", func() string { return tok.Seen() }, comment.TokenMaxAge + time.Minute, comment.TokenOK, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.seen()
			clk.add(tc.wait)
			page := tok.Issue(7) // the cached page's token, still good
			if got := tok.Check(page, s, 7, "192.0.2.1"); got.State != tc.want || got.Age != tc.age {
				t.Errorf("Check = %v %v, want %v %v", got.State, got.Age, tc.want, tc.age)
			}
		})
	}
	t.Run("replayed from the same IP, not from another", func(t *testing.T) {
		page := tok.Issue(7)
		s := tok.Seen() // one value, handed to every reader in the same moment
		clk.add(10 * time.Second)
		if got := tok.Check(page, s, 7, "192.0.2.1"); got.State != comment.TokenOK {
			t.Fatalf("first use: %v", got.State)
		}
		if got := tok.Check(page, s, 7, "192.0.2.1"); got.State != comment.TokenReplayed || got.Age != 10*time.Second {
			t.Errorf("second use, same IP: %v %v", got.State, got.Age)
		}
		if got := tok.Check(page, s, 7, "198.51.100.7"); got.State != comment.TokenOK {
			t.Errorf("another reader with the same cookie value: %v", got.State)
		}
		if got := tok.Check(page, tok.Seen(), 7, "192.0.2.1"); got.State != comment.TokenOK {
			t.Errorf("a fresh cookie after the first comment: %v", got.State)
		}
	})
	t.Run("a bad page token decides first", func(t *testing.T) {
		if got := tok.Check("", tok.Seen(), 7, "192.0.2.1"); got.State != comment.TokenMissing {
			t.Errorf("no page token: %v", got.State)
		}
		if got := tok.Check(tok.Issue(8), tok.Seen(), 7, "192.0.2.1"); got.State != comment.TokenForged {
			t.Errorf("other article's page token: %v", got.State)
		}
	})
}

func TestHeldCookie(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	v := tok.AddHeld("", 3, 5)
	v = tok.AddHeld(v, 4, 9)
	v = tok.AddHeld(v, 3, 11)
	want := []comment.HeldRef{{ArticleID: 3, CommentID: 5}, {ArticleID: 4, CommentID: 9}, {ArticleID: 3, CommentID: 11}}
	if got := tok.HeldRefs(v); !slices.Equal(got, want) {
		t.Errorf("HeldRefs = %v", got)
	}
	if got := tok.HeldOn(v, 3); !slices.Equal(got, []int64{5, 11}) {
		t.Errorf("HeldOn(3) = %v", got)
	}
	if got := tok.HeldOn(v, 99); got != nil {
		t.Errorf("HeldOn(99) = %v", got)
	}
	forged := strings.Replace(v, ".3-5.", ".3-6.", 1)
	if forged == v || tok.HeldRefs(forged) != nil {
		t.Errorf("forged cookie %q gave %v", forged, tok.HeldRefs(forged))
	}
	if got := tok.HeldRefs("garbage"); got != nil {
		t.Errorf("garbage gave %v", got)
	}
	for i := range 30 {
		v = tok.AddHeld(v, 1, int64(100+i))
	}
	if got := tok.HeldRefs(v); len(got) != 20 || got[19].CommentID != 129 {
		t.Errorf("cookie keeps %d ids (%v)", len(got), got)
	}
	clk.add(comment.HeldMaxAge + time.Minute)
	if got := tok.HeldRefs(v); got != nil {
		t.Errorf("expired cookie gave %v", got)
	}
}

func TestReplayMemoryIsBounded(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	first := tok.Seen()
	clk.add(3 * time.Second)
	if tok.Check(tok.Issue(1), first, 1, "192.0.2.1").State != comment.TokenOK {
		t.Fatal("first use refused")
	}
	// After the cookie's lifetime its nonce may be forgotten: its timing is
	// unknown anyway, so it no longer counts as a replay.
	clk.add(comment.TokenMaxAge + 2*time.Minute)
	if got := tok.Check(tok.Issue(1), first, 1, "192.0.2.1"); got.State != comment.TokenOK || got.Age != 0 {
		t.Errorf("old cookie: %v %v", got.State, got.Age)
	}
	for range 1000 {
		if tok.Check(tok.Issue(1), tok.Seen(), 1, "192.0.2.1").State != comment.TokenOK {
			t.Fatal("fresh cookie refused")
		}
	}
}
