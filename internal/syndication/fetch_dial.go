package syndication

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// A feed URL is the editor's, but where it leads is the feed host's: a
// DNS answer or a redirect can point at the database, the cloud metadata
// service or the admin port on localhost. So the address is checked when
// the connection is made, after resolution and for every redirect, not
// when the URL is read.

// specialRange names the address blocks outside the public internet that
// netip's predicates do not cover.
func specialRange(ip netip.Addr) string {
	for _, r := range []struct{ prefix, what string }{
		{"0.0.0.0/8", "a 'this network' address"},
		{"100.64.0.0/10", "a carrier-grade NAT address"},
		{"192.0.0.0/24", "an IETF protocol address"},
		{"198.18.0.0/15", "a benchmarking address"},
		{"240.0.0.0/4", "a reserved address"},
		{"64:ff9b:1::/48", "a local NAT64 address"},
	} {
		if netip.MustParsePrefix(r.prefix).Contains(ip) {
			return r.what
		}
	}
	return ""
}

// nonPublic says why an address is not on the public internet, or "" if
// it is.
func nonPublic(ip netip.Addr) string {
	ip = ip.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	switch {
	case !ip.IsValid():
		return "an invalid address"
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate():
		return "a private address"
	case ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsLinkLocalUnicast():
		return "a link-local address"
	case ip.IsMulticast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	return specialRange(ip)
}

// blockedAddrError is the error a refused connection fails with.
type blockedAddrError struct {
	addr, why string
}

func (e *blockedAddrError) Error() string {
	return fmt.Sprintf("refused to connect to %s (%s): the source is not allowed private networks (--allow-private-network)", e.addr, e.why)
}

// newDialer returns a dialer that refuses non-public addresses unless
// allowPrivate is set. exempt, for tests only, names addresses to treat as
// public (a local server standing in for a public one).
func newDialer(timeout time.Duration, allowPrivate bool, exempt func(netip.AddrPort) bool) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.ControlContext = func(_ context.Context, _, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return &blockedAddrError{addr: address, why: "an address that does not parse"}
			}
			if exempt != nil && exempt(ap) {
				return nil
			}
			if why := nonPublic(ap.Addr()); why != "" {
				return &blockedAddrError{addr: ap.Addr().String(), why: why}
			}
			return nil
		}
	}
	return d
}
