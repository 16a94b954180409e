package admin

import (
	"fmt"
	"net/http"
	"net/netip"
	"time"

	"masthead/internal/httpx"
)

// Bounds on sign-in input, in bytes: no one types more.
const (
	maxPassword = 1024
	maxEmail    = 254
)

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
