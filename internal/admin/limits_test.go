package admin

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/httpx"
)

func TestSignInLimitPerAccount(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Ada", "ada@example.org")
		attacker := e.browser()
		for i := range 3 {
			if p := attacker.signIn("ada@example.org", "guess number "+itoa(int64(i))); p.status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, p.status)
			}
		}
		// Now even the right password, from anywhere, waits.
		owner := e.browser()
		owner.header.Set("X-Forwarded-For", "198.51.100.20")
		p := owner.signIn("Ada@Example.org", testPassword)
		if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "Too many failed sign-ins. Wait 5 minutes") {
			t.Fatalf("after 3 failures: %d, want 429 with a clear message\n%s", p.status, p.body)
		}
		if got := p.header.Get("Retry-After"); got != "300" {
			t.Errorf("Retry-After = %q, want 300", got)
		}
		if owner.cookie(sessionCookie) != nil {
			t.Error("a session was started while the account was locked")
		}
		e.clock.Advance(5 * time.Minute)
		if p := owner.signIn("ada@example.org", testPassword); p.status != http.StatusSeeOther {
			t.Errorf("after waiting: %d, want signed in", p.status)
		}
	}, func(c *Config) {
		c.LoginPerAccount = Limit{Burst: 3, Every: 5 * time.Minute}
		c.LoginPerIP = Limit{Burst: 100, Every: time.Minute}
	})
}

func TestSignInLimitPerIP(t *testing.T) {
	proxies, _ := httpx.ParseProxies([]string{"127.0.0.1"})
	each(t, func(t *testing.T, e *env) {
		e.user(RoleEditor, "Ed", "ed@example.org")
		attacker := e.browser()
		attacker.header.Set("X-Forwarded-For", "203.0.113.66")
		// Spraying many accounts from one address.
		for i := range 4 {
			if p := attacker.signIn("user"+itoa(int64(i))+"@example.org", "password123456"); p.status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i+1, p.status)
			}
		}
		p := attacker.signIn("ed@example.org", testPassword)
		if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "Too many failed sign-ins. Wait 1 minute") {
			t.Errorf("5th attempt from the same address: %d, want 429", p.status)
		}
		// The address is the client's, not the proxy's: others get in.
		other := e.browser()
		other.header.Set("X-Forwarded-For", "198.51.100.7")
		if p := other.signIn("ed@example.org", testPassword); p.status != http.StatusSeeOther {
			t.Errorf("another address: %d, want signed in", p.status)
		}
		// Same /64 of IPv6 counts as one address.
		v6 := e.browser()
		for i, ip := range []string{"2001:db8:5::1", "2001:db8:5::2", "2001:db8:5::3", "2001:db8:5::4"} {
			v6.header.Set("X-Forwarded-For", ip)
			if p := v6.signIn("nobody@example.org", "password123456"); p.status != http.StatusUnauthorized {
				t.Fatalf("v6 failure %d: %d", i+1, p.status)
			}
		}
		v6.header.Set("X-Forwarded-For", "2001:db8:5::ffff")
		if p := v6.signIn("ed@example.org", testPassword); p.status != http.StatusTooManyRequests {
			t.Errorf("another address in the same /64: %d, want 429", p.status)
		}
		if !strings.Contains(e.logs.String(), "too many failures") {
			t.Error("refused sign-ins are not logged")
		}
	}, func(c *Config) {
		c.Proxies = proxies
		c.LoginPerAccount = Limit{Burst: 100, Every: time.Minute}
		c.LoginPerIP = Limit{Burst: 4, Every: time.Minute}
	})
}

func TestHumanWait(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second: "1 second", 1500 * time.Millisecond: "2 seconds", 59 * time.Second: "59 seconds",
		time.Minute: "1 minute", 61 * time.Second: "2 minutes", 5 * time.Minute: "5 minutes",
	} {
		if got := humanWait(d); got != want {
			t.Errorf("humanWait(%v) = %q, want %q", d, got, want)
		}
	}
}
