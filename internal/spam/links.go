package spam

// Links: the hosts a comment points to, and their registrable domains.

import (
	"bytes"
)

// parseURL recognizes "http://host", "https://host" or "www.host" at b[i:]
// and returns the host's span.
func parseURL(b []byte, i int) (int, int, bool) {
	start := i
	switch {
	case hasPrefix(b[i:], "http://"):
		start += len("http://")
	case hasPrefix(b[i:], "https://"):
		start += len("https://")
	case hasPrefix(b[i:], "www."):
	default:
		return 0, 0, false
	}
	end := start
	for end < len(b) && isHostByte(b[end]) {
		end++
	}
	for end > start && b[end-1] == '.' {
		end--
	}
	if end-start < 4 || bytes.IndexByte(b[start:end], '.') < 0 {
		return 0, 0, false
	}
	return start, end, true
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// addLink counts a link to the host buf[lo:hi] and adds its features once
// per distinct host.
func (e *extractor) addLink(lo, hi int) {
	e.links++
	if hasPrefix(e.buf[lo:hi], "www.") {
		lo += 4
	}
	host := e.buf[lo:hi]
	for _, h := range e.hosts {
		if string(e.buf[h.lo:h.hi]) == string(host) {
			return
		}
	}
	// Hosts past the limit are not features either, so that Learn, which
	// sees only features, remembers the same hosts as training does.
	if len(e.hosts) < maxHosts {
		e.hosts = append(e.hosts, e.hostFeatures(kindLink, lo, hi))
	}
}

// hostFeatures adds the host buf[lo:hi] and, if shorter, its registered
// domain, so that the subdomains of one spam domain share evidence.
func (e *extractor) hostFeatures(kind byte, lo, hi int) hostRef {
	host := e.buf[lo:hi]
	raw := hashBytes(host)
	e.addRaw(kind, raw, host)
	ref := hostRef{lo: int32(lo), hi: int32(hi), key: featureHash(kindHost, raw)}
	ref.base = ref.key
	if base := baseDomain(host); len(base) < len(host) {
		braw := hashBytes(base)
		e.addRaw(kind, braw, base)
		ref.base = featureHash(kindHost, braw)
	}
	return ref
}

// baseDomain approximates the registered domain: the last two labels, or
// three under a short second-level label of a country domain (co.uk,
// com.au). IP addresses stay whole.
func baseDomain(host []byte) []byte {
	if len(host) == 0 || host[len(host)-1] >= '0' && host[len(host)-1] <= '9' {
		return host
	}
	dots, last := 0, 0
	for i := len(host) - 1; i >= 0; i-- {
		if host[i] != '.' {
			continue
		}
		dots++
		if dots == 1 {
			last = i
			continue
		}
		if dots == 2 && len(host)-last-1 == 2 && last-i-1 <= 3 {
			continue // co.uk: keep a third label
		}
		return host[i+1:]
	}
	return host
}
