package admin_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/httpx"
)

func TestSignInLimitPerAccount(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		attacker := e.Browser()
		for i := range 3 {
			if p := attacker.SignIn("ada@example.org", "guess number "+itoa(int64(i))); p.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, p.Status)
			}
		}
		// Now even the right password, from anywhere, waits.
		owner := e.Browser()
		owner.Header.Set("X-Forwarded-For", "198.51.100.20")
		p := owner.SignIn("Ada@Example.org", admintest.Password)
		if p.Status != http.StatusTooManyRequests || !strings.Contains(p.Body, "Too many failed sign-ins. Wait 5 minutes") {
			t.Fatalf("after 3 failures: %d, want 429 with a clear message\n%s", p.Status, p.Body)
		}
		if got := p.Header.Get("Retry-After"); got != "300" {
			t.Errorf("Retry-After = %q, want 300", got)
		}
		if owner.Cookie(admin.SessionCookie) != nil {
			t.Error("a session was started while the account was locked")
		}
		e.Clock.Advance(5 * time.Minute)
		if p := owner.SignIn("ada@example.org", admintest.Password); p.Status != http.StatusSeeOther {
			t.Errorf("after waiting: %d, want signed in", p.Status)
		}
	}, func(c *admin.Config) {
		c.LoginPerAccount = admin.Limit{Burst: 3, Every: 5 * time.Minute}
		c.LoginPerIP = admin.Limit{Burst: 100, Every: time.Minute}
	})
}

// TestSignInLimitSharedByInstances: failures at one instance count at
// another on the same database, so more instances give no more guesses.
func TestSignInLimitSharedByInstances(t *testing.T) {
	limits := func(c *admin.Config) {
		c.LoginPerAccount = admin.Limit{Burst: 4, Every: 5 * time.Minute}
		c.LoginPerIP = admin.Limit{Burst: 100, Every: time.Minute}
	}
	each(t, func(t *testing.T, first *env) {
		second := newEnv(t, first.Store, limits)
		first.User(admin.RoleAdmin, "Ada", "ada@example.org")
		for i, e := range []*env{first, second, first, second} {
			if p := e.Browser().SignIn("ada@example.org", "guess "+itoa(int64(i))); p.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, p.Status)
			}
		}
		for name, e := range map[string]*env{"first": first, "second": second} {
			if p := e.Browser().SignIn("ada@example.org", admintest.Password); p.Status != http.StatusTooManyRequests {
				t.Errorf("the %s instance after 4 failures spread over two: %d, want 429", name, p.Status)
			}
		}
	}, limits)
}

func TestSignInLimitPerIP(t *testing.T) {
	proxies, _ := httpx.ParseProxies([]string{"127.0.0.1"})
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleEditor, "Ed", "ed@example.org")
		attacker := e.Browser()
		attacker.Header.Set("X-Forwarded-For", "203.0.113.66")
		// Spraying many accounts from one address.
		for i := range 4 {
			if p := attacker.SignIn("user"+itoa(int64(i))+"@example.org", "password123456"); p.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i+1, p.Status)
			}
		}
		p := attacker.SignIn("ed@example.org", admintest.Password)
		if p.Status != http.StatusTooManyRequests || !strings.Contains(p.Body, "Too many failed sign-ins. Wait 1 minute") {
			t.Errorf("5th attempt from the same address: %d, want 429", p.Status)
		}
		// The address is the client's, not the proxy's: others get in.
		other := e.Browser()
		other.Header.Set("X-Forwarded-For", "198.51.100.7")
		if p := other.SignIn("ed@example.org", admintest.Password); p.Status != http.StatusSeeOther {
			t.Errorf("another address: %d, want signed in", p.Status)
		}
		// Same /64 of IPv6 counts as one address.
		v6 := e.Browser()
		for i, ip := range []string{"2001:db8:5::1", "2001:db8:5::2", "2001:db8:5::3", "2001:db8:5::4"} {
			v6.Header.Set("X-Forwarded-For", ip)
			if p := v6.SignIn("nobody@example.org", "password123456"); p.Status != http.StatusUnauthorized {
				t.Fatalf("v6 failure %d: %d", i+1, p.Status)
			}
		}
		v6.Header.Set("X-Forwarded-For", "2001:db8:5::ffff")
		if p := v6.SignIn("ed@example.org", admintest.Password); p.Status != http.StatusTooManyRequests {
			t.Errorf("another address in the same /64: %d, want 429", p.Status)
		}
		if !strings.Contains(e.Logs.String(), "too many failures") {
			t.Error("refused sign-ins are not logged")
		}
	}, func(c *admin.Config) {
		c.Proxies = proxies
		c.LoginPerAccount = admin.Limit{Burst: 100, Every: time.Minute}
		c.LoginPerIP = admin.Limit{Burst: 4, Every: time.Minute}
	})
}

func TestHumanWait(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second: "1 second", 1500 * time.Millisecond: "2 seconds", 59 * time.Second: "59 seconds",
		time.Minute: "1 minute", 61 * time.Second: "2 minutes", 5 * time.Minute: "5 minutes",
	} {
		if got := admin.HumanWait(d); got != want {
			t.Errorf("humanWait(%v) = %q, want %q", d, got, want)
		}
	}
}
