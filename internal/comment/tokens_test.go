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

func TestFormToken(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	other, _ := comment.NewTokens([]byte("another secret, another site!!"), clk.now)
	tests := []struct {
		name    string
		token   func() string
		article int64
		wait    time.Duration
		want    comment.TokenState
		age     time.Duration
	}{
		{"good", func() string { return tok.Issue(7) }, 7, 5 * time.Second, comment.TokenOK, 5 * time.Second},
		{"missing", func() string { return "" }, 7, 0, comment.TokenMissing, 0},
		{"garbage", func() string { return "not-a-token" }, 7, 0, comment.TokenForged, 0},
		{"other article", func() string { return tok.Issue(8) }, 7, time.Second, comment.TokenForged, 0},
		{"other site's key", func() string { return other.Issue(7) }, 7, time.Second, comment.TokenForged, 0},
		{"tampered", func() string {
			s := []byte(tok.Issue(7))
			s[10] ^= 1
			return string(s)
		}, 7, time.Second, comment.TokenForged, 0},
		{"truncated", func() string { s := tok.Issue(7); return s[:len(s)-2] }, 7, time.Second, comment.TokenForged, 0},
		{"expired", func() string { return tok.Issue(7) }, 7, comment.TokenMaxAge + time.Second, comment.TokenExpired, comment.TokenMaxAge + time.Second},
		{"fast", func() string { return tok.Issue(7) }, 7, 300 * time.Millisecond, comment.TokenOK, 300 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.token()
			clk.add(tc.wait)
			got := tok.Check(s, tc.article)
			if got.State != tc.want || got.Age != tc.age {
				t.Errorf("Check = %v %v, want %v %v", got.State, got.Age, tc.want, tc.age)
			}
		})
	}
	t.Run("replayed", func(t *testing.T) {
		s := tok.Issue(7)
		clk.add(3 * time.Second)
		if got := tok.Check(s, 7); got.State != comment.TokenOK {
			t.Fatalf("first use: %v", got.State)
		}
		if got := tok.Check(s, 7); got.State != comment.TokenReplayed {
			t.Errorf("second use: %v", got.State)
		}
	})
	if _, err := comment.NewTokens([]byte("short"), nil); err == nil {
		t.Error("short secret accepted")
	}
}

func TestHeldCookie(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	v := tok.AddHeld("", 5)
	v = tok.AddHeld(v, 9)
	if got := tok.HeldIDs(v); !slices.Equal(got, []int64{5, 9}) {
		t.Errorf("HeldIDs = %v", got)
	}
	forged := strings.Replace(v, ".5.", ".6.", 1)
	if got := tok.HeldIDs(forged); got != nil {
		t.Errorf("forged cookie gave %v", got)
	}
	if got := tok.HeldIDs("garbage"); got != nil {
		t.Errorf("garbage gave %v", got)
	}
	for i := range 30 {
		v = tok.AddHeld(v, int64(100+i))
	}
	if got := tok.HeldIDs(v); len(got) != 20 || got[19] != 129 {
		t.Errorf("cookie keeps %d ids (%v)", len(got), got)
	}
	clk.add(comment.HeldMaxAge + time.Minute)
	if got := tok.HeldIDs(v); got != nil {
		t.Errorf("expired cookie gave %v", got)
	}
}

func TestReplayMemoryIsBounded(t *testing.T) {
	clk := newClock()
	tok := mustTokens(t, clk)
	first := tok.Issue(1)
	clk.add(3 * time.Second)
	if tok.Check(first, 1).State != comment.TokenOK {
		t.Fatal("first use refused")
	}
	// After the token's lifetime its nonce may be forgotten: the token is
	// refused as expired anyway.
	clk.add(comment.TokenMaxAge)
	if got := tok.Check(first, 1).State; got != comment.TokenExpired {
		t.Errorf("old token: %v", got)
	}
	for range 1000 {
		if s := tok.Issue(1); tok.Check(s, 1).State != comment.TokenOK {
			t.Fatal("fresh token refused")
		}
	}
}
