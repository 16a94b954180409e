package spam

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

const maxMemory = 1 << 18 // remembered IPs, addresses and domains

// Memory weights, in log-odds times log2(1+count): one sighting counts
// 1, three count 2, so repeat offenders stand out without one sighting
// deciding alone.
const (
	wSpamHost       = 1.0 // times log2(1+spam count), per host
	maxHostEvidence = 6.0
	wSpamSite       = 1.5
	wSpamSender     = 1.0
	wSpamDomain     = 1.0
	wSpamIP         = 1.5
	wNearDup        = 2.0
	maxDupEvidence  = 8.0
	wHamSender      = -1.0 // times log2(1+ham count) of an address never in spam
	maxHamEvidence  = -4.0
)

// reputation counts the moderated comments that carried a key.
type reputation struct{ spam, ham uint32 }

// spamOnly reports the spam count of a key never seen in ham.
func (r reputation) spamOnly() uint32 {
	if r.ham > 0 {
		return 0
	}
	return r.spam
}

// hamOnly reports the ham count of a key never seen in spam.
func (r reputation) hamOnly() uint32 {
	if r.spam > 0 {
		return 0
	}
	return r.ham
}

// memory maps the hashes of IPs, e-mail addresses, e-mail domains and
// link hosts to their moderation history.
type memory map[uint64]reputation

func (m memory) learn(key uint64, spam bool) {
	r := m[key]
	if spam {
		r.spam++
	} else {
		r.ham++
	}
	m[key] = r
	if len(m) > maxMemory {
		m.prune()
	}
}

// prune forgets the quarter of the keys with the least history. Ties are
// broken by key so that every replica forgets the same keys.
func (m memory) prune() {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b uint64) int {
		ra, rb := m[a], m[b]
		if ta, tb := ra.spam+ra.ham, rb.spam+rb.ham; ta != tb {
			if ta < tb {
				return -1
			}
			return 1
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	for _, k := range keys[:len(keys)/4] {
		delete(m, k)
	}
}

// memoryRules weighs what moderation taught about the comment's IP,
// e-mail, website and link hosts, and its near-duplicates. The caller
// holds the read lock.
func (m *Model) memoryRules(e *extractor, c *Comment, evs []evidence) []evidence {
	if c.IP != "" {
		if s := m.mem[ipKey(c.IP)].spamOnly(); s > 0 {
			evs = append(evs, evidence{wSpamIP * log2p(s), "IP " + shown(c.IP) + " seen only in spam " + times(s)})
		}
	}
	if e.sender != 0 {
		r := m.mem[e.sender]
		if s := r.spamOnly(); s > 0 {
			evs = append(evs, evidence{wSpamSender * log2p(s), "e-mail address seen only in spam " + times(s)})
		} else if h := r.hamOnly(); h > 0 {
			w := max(wHamSender*log2p(h), maxHamEvidence)
			evs = append(evs, evidence{w, "e-mail address has " + plural(int(h), "approved comment")})
		}
	}
	if e.emailDom != 0 {
		s := m.mem[e.emailDom].spamOnly()
		if r := m.mem[e.emailReg]; r.ham == 0 && r.spam > s {
			s = r.spam
		}
		if s > 0 {
			dom := shown(string(e.buf[e.domLo:e.domHi]))
			evs = append(evs, evidence{wSpamDomain * log2p(s), "e-mail domain " + dom + " seen only in spam " + times(s)})
		}
	}
	if e.site.key != 0 {
		if s := m.hostSpam(e.site); s > 0 {
			host := shown(string(e.buf[e.site.lo:e.site.hi]))
			evs = append(evs, evidence{wSpamSite * log2p(s), "website " + host + " seen only in spam " + times(s)})
		}
	}
	bad, w := 0, 0.0
	for _, h := range e.hosts {
		if s := m.hostSpam(h); s > 0 {
			bad++
			w += wSpamHost * log2p(s)
		}
	}
	if bad > 0 {
		what := "links to domains"
		if bad == 1 {
			what = "link to a domain"
		}
		evs = append(evs, evidence{min(w, maxHostEvidence), strconv.Itoa(bad) + " " + what + " seen only in spam"})
	}
	if e.shingles >= minShingles {
		var buf [64]int32
		if s, h, _ := m.dups.match(&e.sig, buf[:0]); s > 0 && h == 0 {
			w := min(wNearDup*log2p(s), maxDupEvidence)
			evs = append(evs, evidence{w, "near-duplicate of " + plural(int(s), "spam comment")})
		}
	}
	return evs
}

// hostSpam returns the spam count of a host never seen in ham, judged by
// the host itself when moderation saw it, else by its registered domain.
func (m *Model) hostSpam(h hostRef) uint32 {
	if r, ok := m.mem[h.key]; ok {
		return r.spamOnly()
	}
	return m.mem[h.base].spamOnly()
}

// shown makes a value from the comment fit for a reason: valid UTF-8, and
// short.
func shown(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strings.ToValidUTF8(s, "")
}

// log2p grows slowly with a count of sightings: 1 for one, 2 for three.
func log2p(n uint32) float64 { return math.Log2(1 + float64(n)) }

func times(n uint32) string {
	if n == 1 {
		return "(once)"
	}
	return "(" + strconv.FormatUint(uint64(n), 10) + " times)"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
