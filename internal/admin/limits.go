package admin

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"masthead/internal/httpx"
	"masthead/internal/store"
)

// Bounds on sign-in input, in bytes: no one types more.
const (
	maxPassword = 1024
	maxEmail    = 254
)

// signinLimits bounds failed sign-ins per account and per address. The
// counts live in the database, so an attacker gains no tries by reaching
// another instance; the keys stored are keyed hashes, not the addresses.
type signinLimits struct {
	st            *store.Store
	key           []byte
	account, addr Limit
	now           func() time.Time
}

// keys returns the stored keys of an account's and an address's limits.
func (l signinLimits) keys(email string, ip netip.Addr) (acct, addr string) {
	return l.hash("signin-account:" + strings.ToLower(email)), l.hash("signin-addr:" + addrKey(ip))
}

func (l signinLimits) hash(s string) string {
	m := hmac.New(sha256.New, l.key)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// wait says how long a sign-in for acct from addr must wait; zero: none.
func (l signinLimits) wait(ctx context.Context, acct, addr string) (time.Duration, error) {
	now := l.now()
	a, err := l.st.RateWait(ctx, acct, l.account.Every, l.account.Burst, now)
	if err != nil {
		return 0, err
	}
	b, err := l.st.RateWait(ctx, addr, l.addr.Every, l.addr.Burst, now)
	return max(a, b), err
}

// fail counts a failed sign-in against both keys.
func (l signinLimits) fail(ctx context.Context, acct, addr string) error {
	now := l.now()
	return errors.Join(l.st.SpendRate(ctx, acct, l.account.Every, now), l.st.SpendRate(ctx, addr, l.addr.Every, now))
}

// succeed clears the account's failures, and forgets every key whose
// failures have all been earned back. The address keeps its count: one
// good password must not reset a spray of guesses at other accounts.
func (l signinLimits) succeed(ctx context.Context, acct string) error {
	_, err := l.st.DeleteSpentRates(ctx, l.now())
	return errors.Join(l.st.ResetRate(ctx, acct), err)
}

// addrKey is the rate-limit key of an address. An IPv6 client usually holds
// a whole /64, so that is what is limited.
func addrKey(ip netip.Addr) string {
	if ip.Is6() && !ip.Is4In6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

func setRetryAfter(w http.ResponseWriter, d time.Duration) { httpx.SetRetryAfter(w.Header(), d) }

// humanWait says a wait in words: "45 seconds", "5 minutes".
func humanWait(d time.Duration) string {
	if d < time.Minute {
		s := int((d + time.Second - 1) / time.Second)
		return plural(max(s, 1), "second")
	}
	return plural(int((d+time.Minute-1)/time.Minute), "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
