// Package httpx holds the small HTTP pieces that every handler needs and
// none should write twice: the client's address behind trusted proxies,
// CSRF defences, a rate limiter and security headers. It keeps no state of
// its own: callers hold what it returns.
package httpx

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies says which peers may speak for the client through X-Forwarded-For,
// X-Real-IP and X-Forwarded-Proto. The zero value trusts no one, so the
// client is whoever connected: anyone can send those headers.
type Proxies struct {
	nets []netip.Prefix
}

// ParseProxies reads CIDRs such as "10.0.0.0/8" or bare addresses such as
// "127.0.0.1"; blanks are skipped.
func ParseProxies(list []string) (Proxies, error) {
	var p Proxies
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if pfx, err := netip.ParsePrefix(s); err == nil {
			p.nets = append(p.nets, pfx.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return Proxies{}, fmt.Errorf("trusted proxy %q: want an address or a CIDR", s)
		}
		a = a.Unmap()
		p.nets = append(p.nets, netip.PrefixFrom(a, a.BitLen()))
	}
	return p, nil
}

// Trusted reports whether a is one of the trusted proxies.
func (p Proxies) Trusted(a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	a = a.Unmap()
	for _, n := range p.nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP is the address of the client. When the peer is a trusted proxy,
// X-Forwarded-For is read from the right, skipping trusted hops: the first
// address not ours is the client, since only the hops we trust could not
// have been forged. X-Real-IP counts when X-Forwarded-For is absent. The
// zero Addr means RemoteAddr was not an IP address.
func (p Proxies) ClientIP(r *http.Request) netip.Addr {
	peer := remoteAddr(r)
	if !p.Trusted(peer) {
		return peer
	}
	if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
		hops := strings.Split(strings.Join(xff, ","), ",")
		client := peer
		for i := len(hops) - 1; i >= 0; i-- {
			a, ok := parseHop(hops[i])
			if !ok {
				// Garbage from further out: the last address we could
				// vouch for is the best we know.
				return client
			}
			client = a
			if !p.Trusted(a) {
				return a
			}
		}
		return client
	}
	if a, ok := parseHop(r.Header.Get("X-Real-IP")); ok {
		return a
	}
	return peer
}

// IsHTTPS reports whether the client reached us over HTTPS: TLS on this
// connection, or a trusted proxy that says so in X-Forwarded-Proto.
func (p Proxies) IsHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if !p.Trusted(remoteAddr(r)) {
		return false
	}
	proto := r.Header.Get("X-Forwarded-Proto")
	if i := strings.LastIndexByte(proto, ','); i >= 0 {
		// Each proxy may append; the nearest one, which we trust, is last.
		proto = proto[i+1:]
	}
	return strings.EqualFold(strings.TrimSpace(proto), "https")
}

func remoteAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap().WithZone("")
}

// parseHop reads one X-Forwarded-For entry: an address, perhaps with a
// port ("203.0.113.7:5100", "[2001:db8::1]:443").
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}
