package spam

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// FeaturesVersion names the scheme of the strings Features returns. A
// store may keep it with each event: events of another version still
// replay, but share fewer features with new comments.
const FeaturesVersion = 1

// Features returns the learnable form of c: the model's features as
// strings ("w:cheap", "c:heap", "e:example.com", "m:links=2", …) plus
// the memory entries ("i:192.0.2.1" for the IP, "s:…" for the
// near-duplicate signature). The store persists them with the label;
// Learn applies them. Features does not depend on the model's state.
func (m *Model) Features(c Comment) []string {
	e := m.extractor()
	defer m.release(e)
	e.extract(&c, true)
	out := e.strs
	e.strs = nil
	if c.IP != "" {
		out = append(out, hashedFeature(kindIP, hashString(strings.ToLower(c.IP))))
	}
	if e.shingles >= minShingles {
		out = append(out, "s:"+e.sig.encode())
	}
	return out
}

// sample is a parsed learning event.
type sample struct {
	groups groups   // model features, each once
	mem    []uint64 // memory keys, each once
	sig    signature
	hasSig bool
}

func (s *sample) addMem(k uint64) {
	for _, x := range s.mem {
		if x == k {
			return
		}
	}
	s.mem = append(s.mem, k)
}

// parseSample turns the strings of Features back into hashes. Unknown or
// malformed strings are skipped, so events written by an older version
// still replay.
func parseSample(features []string) sample {
	var s sample
	seen := make(map[uint32]struct{}, len(features))
	n := 0
	for _, f := range features {
		if raw, ok := parseHashed(f); ok {
			kind := f[0]
			if kind == kindIP {
				s.addMem(featureHash(kindIP, raw))
				continue
			}
			h := featureHash(kind, raw)
			if slot := slotOf(h); n < maxFeatures {
				if _, dup := seen[slot]; !dup {
					seen[slot] = struct{}{}
					n++
					s.groups[h>>groupBits] = append(s.groups[h>>groupBits], slot)
				}
			}
			s.addMem(h) // only senders are hashed: they are memory keys too
			continue
		}
		if len(f) < 3 || f[1] != ':' {
			continue
		}
		kind, text := f[0], f[2:]
		switch kind {
		case kindSig:
			if sig, ok := decodeSignature(text); ok {
				s.sig, s.hasSig = sig, true
			}
			continue
		case kindIP:
			s.addMem(featureHash(kindIP, hashString(unescapeText(text))))
			continue
		}
		h, ok := parseFeature(kind, text)
		if !ok {
			continue
		}
		slot := slotOf(h)
		if _, dup := seen[slot]; dup || n >= maxFeatures {
			continue
		}
		seen[slot] = struct{}{}
		n++
		g := h >> groupBits
		s.groups[g] = append(s.groups[g], slot)
		switch kind {
		case kindSender, kindEmail:
			s.addMem(h)
		case kindLink, kindSite:
			s.addMem(featureHash(kindHost, hashString(unescapeText(text))))
		}
	}
	return s
}

// parseFeature hashes the string form of a model feature as extract does.
func parseFeature(kind byte, text string) (uint64, bool) {
	switch kind {
	case kindGram:
		t := unescapeText(text)
		if len(t) != gramLen {
			return 0, false
		}
		return featureHash(kindGram, hashGram([]byte(t))), true
	case kindWord, kindAnchor, kindLink, kindAuthor, kindName, kindEmail,
		kindSender, kindSite, kindMeta:
		return featureHash(kind, hashString(unescapeText(text))), true
	}
	return 0, false
}

// needsEscape reports the bytes that cannot appear literally in a feature
// string: '%', white space and controls (the strings stay one token each,
// readable in a log), and, in text that is not valid UTF-8, every
// non-ASCII byte (databases reject invalid UTF-8).
func needsEscape(c byte, validUTF8 bool) bool {
	return c == '%' || c <= ' ' || c == 0x7f || c >= 0x80 && !validUTF8
}

// escapeText percent-encodes the bytes needsEscape reports.
func escapeText(b []byte) string {
	valid := utf8.Valid(b)
	n := 0
	for _, c := range b {
		if needsEscape(c, valid) {
			n++
		}
	}
	if n == 0 {
		return string(b)
	}
	const digits = "0123456789ABCDEF"
	out := make([]byte, 0, len(b)+2*n)
	for _, c := range b {
		if needsEscape(c, valid) {
			out = append(out, '%', digits[c>>4], digits[c&15])
		} else {
			out = append(out, c)
		}
	}
	return string(out)
}

func escapeString(s string) string { return escapeText([]byte(s)) }

// unescapeText reverses escapeText; malformed escapes stay as they are.
func unescapeText(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := hexDigit(s[i+1])
			lo, ok2 := hexDigit(s[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// hashedFeature is the string form of a feature whose text is personal
// data (an e-mail address, an IP): "x=" and its 64-bit hash in hex, so the
// learning log holds no address in readable form.
func hashedFeature(kind byte, raw uint64) string {
	return string(kind) + "=" + strconv.FormatUint(raw, 16)
}

// parseHashed reads a hashedFeature of a kind that may be hashed.
func parseHashed(f string) (uint64, bool) {
	if len(f) < 3 || f[1] != '=' || (f[0] != kindSender && f[0] != kindIP) {
		return 0, false
	}
	raw, err := strconv.ParseUint(f[2:], 16, 64)
	return raw, err == nil
}
