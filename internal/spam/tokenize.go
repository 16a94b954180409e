package spam

import (
	"encoding/binary"
	"math/bits"
	"strconv"
)

// Feature kinds. A feature's string form is the kind letter, a colon and
// the text ("w:viagra", "c:agra", "e:example.com"); Learn parses it back
// (see features.go).
const (
	kindWord   = 'w' // word of the content
	kindAnchor = 't' // word of a link's anchor text
	kindLink   = 'l' // host linked from the content, and its domain
	kindGram   = 'c' // character 4-gram of the content
	kindAuthor = 'a' // word of the author name
	kindName   = 'n' // the whole author name
	kindEmail  = 'e' // e-mail domain, and its registered domain
	kindSender = 'x' // the whole e-mail address: regular commenters recur
	kindSite   = 'u' // host of the commenter's website, and its domain
	kindMeta   = 'm' // shape and context: link count, length, reply, …
	kindIP     = 'i' // IP address; memory only
	kindSig    = 's' // near-duplicate signature; memory only
	kindHost   = 'h' // memory key of a host; never a string
)

// Feature groups. The model scales each group by the inverse square root
// of its size, so a long text does not drown the handful of metadata
// features (and gives metadata its own weight).
const (
	groupText   = 0
	groupGram   = 1
	groupMeta   = 2
	groupMemory = 3
)

func kindGroup(kind byte) uint64 {
	switch kind {
	case kindWord, kindAnchor, kindLink:
		return groupText
	case kindGram:
		return groupGram
	case kindAuthor, kindName, kindEmail, kindSender, kindSite, kindMeta:
		return groupMeta
	}
	return groupMemory
}

const (
	maxContent  = 4096 // content bytes read for words
	maxGrams    = 2048 // content bytes read for character 4-grams
	gramLen     = 4
	maxFeatures = 4096    // unique features per comment
	metaRoom    = 32      // of them kept for the shape features
	seenBits    = 1 << 16 // dedup bitmap: 8 KiB, in L1
	maxHosts    = 16      // distinct link hosts read
	maxWords    = 512     // content words kept for reasons
	maxWord     = 24      // longer words become a "skip" feature
	maxTag      = 512     // bytes searched for the end of an HTML or BBCode tag
)

// wordRef is a content word: its span in buf and its feature hash.
type wordRef struct {
	lo, hi int32
	h      uint64
}

// hostRef is a host: its span in buf and the memory keys of the host and
// of its registered domain.
type hostRef struct {
	lo, hi    int32
	key, base uint64
}

// extractor turns a comment into unique feature hashes and the facts the
// rules need. Extractors are pooled per model, so a verdict allocates
// nothing in the common case.
type extractor struct {
	buf    []byte      // lowercased content, then author, e-mail and URL
	seen   []uint64    // bitmap of hashed slots of the features added so far
	groups [3][]uint32 // model slots of the unique features, per group, in order
	nfeat  int

	wantStrings bool     // also collect string forms (Features)
	strs        []string // string forms of the features, in order

	words    []wordRef
	hosts    []hostRef
	site     hostRef // the website's host; site.key == 0: none
	sender   uint64  // memory key of the e-mail address; 0: none
	emailDom uint64  // memory key of the e-mail domain; 0: none
	emailReg uint64  // memory key of its registered domain; 0: none
	domLo    int32   // span of the e-mail domain in buf
	domHi    int32

	learnKeys []uint64 // memory keys of the features added (see memoryKeys)
	limit     int      // feature count at which addHash stops adding

	links   int  // links in the content
	anchors int  // of them, links with anchor text (<a href>, [url=])
	bbcode  bool // BBCode link markup seen
	html    bool // HTML tags seen
	anchor  bool // inside a link's anchor text
	excl    int  // exclamation marks
	upper   int  // upper-case ASCII letters in the content read
	letters int  // ASCII letters in the content read

	prev1, prev2 uint64 // text hashes of the last two words
	nwords       int
	sig          signature // minhash of the word 3-shingles
	shingles     int
	tmp          [48]byte // scratch for synthetic feature texts
}

func newExtractor() *extractor {
	return &extractor{
		buf:  make([]byte, 0, maxContent+1024),
		seen: make([]uint64, seenBits/64),
		groups: [3][]uint32{
			make([]uint32, 0, maxFeatures+1),
			make([]uint32, 0, maxFeatures+1),
			make([]uint32, 0, maxFeatures+1),
		},
		words: make([]wordRef, 0, maxWords),
		hosts: make([]hostRef, 0, maxHosts),
	}
}

func (e *extractor) reset(wantStrings bool) {
	clear(e.seen)
	e.buf = e.buf[:0]
	for g := range e.groups {
		e.groups[g] = e.groups[g][:0]
	}
	e.nfeat = 0
	e.wantStrings = wantStrings
	e.strs = nil
	e.words = e.words[:0]
	e.hosts = e.hosts[:0]
	e.site = hostRef{}
	e.sender, e.emailDom, e.emailReg, e.domLo, e.domHi = 0, 0, 0, 0, 0
	e.learnKeys = e.learnKeys[:0]
	e.limit = maxFeatures
	e.links, e.anchors, e.excl, e.upper, e.letters = 0, 0, 0, 0, 0
	e.bbcode, e.html, e.anchor = false, false, false
	e.prev1, e.prev2, e.nwords = 0, 0, 0
	e.sig.reset()
	e.shingles = 0
}

// extract fills the extractor from c. The feature order is deterministic.
func (e *extractor) extract(c *Comment, wantStrings bool) {
	e.reset(wantStrings)

	// Content goes first into buf, where its spans are plain offsets; the
	// metadata features go first into the feature list, with room kept
	// for the shape features, so that no content can crowd them out.
	content := c.Content
	if len(content) > maxContent {
		content = content[:maxContent]
	}
	e.buf = e.appendLower(e.buf, content)
	n := len(e.buf)
	e.author(c.Author)
	e.email(c.Email)
	e.website(c.URL)

	e.limit = maxFeatures - metaRoom
	e.scanText(0, n)
	e.sig.finish(e.shingles)
	e.grams(min(n, maxGrams))
	e.limit = maxFeatures
	e.meta(c)
}

// appendLower appends s with ASCII letters folded to lower case, counting
// letters for the capitals feature. It works on eight bytes at a time:
// per byte, adding 0x80-'A' to its low seven bits sets the top bit iff the
// byte is at least 'A', and so on.
func (e *extractor) appendLower(dst []byte, s string) []byte {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	lo := len(dst)
	dst = append(dst, s...)
	b := dst[lo:]
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		ascii := ^x & high
		t := x &^ high
		upper := (t + (0x80-'A')*ones) &^ (t + (0x80-'Z'-1)*ones) & ascii
		x |= upper >> 2
		t = x &^ high
		lower := (t + (0x80-'a')*ones) &^ (t + (0x80-'z'-1)*ones) & ascii
		binary.LittleEndian.PutUint64(b[i:], x)
		e.upper += bits.OnesCount64(upper)
		e.letters += bits.OnesCount64(lower)
	}
	for ; i < len(b); i++ {
		ch := b[i]
		if ch >= 'A' && ch <= 'Z' {
			b[i] = ch + 'a' - 'A'
			e.upper++
			e.letters++
		} else if ch >= 'a' && ch <= 'z' {
			e.letters++
		}
	}
	return dst
}

func appendLowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'A' && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		dst = append(dst, ch)
	}
	return dst
}

// Byte classes of lower-cased text, a table indexed by byte (a constant
// string, so no package variable): word bytes are letters, digits, UTF-8
// and $'-._@%&+; trim bytes are kept inside words but not at their ends
// ('-._@&+); host bytes are letters, digits, UTF-8 and -._.
const (
	classWord = 1
	classTrim = 2
	classHost = 4
)

const byteClass = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + // 0x00
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + // 0x10
	"\x00\x00\x00\x00\x01\x01\x03\x03\x00\x00\x00\x03\x00\x07\x07\x00" + // 0x20
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x00\x00\x00\x00\x00\x00" + // 0x30
	"\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + // 0x40
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07" + // 0x50
	"\x00\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0x60
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x00\x00\x00\x00\x00" + // 0x70
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0x80
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0x90
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0xa0
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0xb0
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0xc0
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0xd0
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" + // 0xe0
	"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05" // 0xf0

func isWordByte(ch byte) bool { return byteClass[ch]&classWord != 0 }
func isTrimByte(ch byte) bool { return byteClass[ch]&classTrim != 0 }
func isHostByte(ch byte) bool { return byteClass[ch]&classHost != 0 }

// scanText tokenizes buf[lo:hi] into words, links, anchors and tags.
func (e *extractor) scanText(lo, hi int) {
	b := e.buf[:hi]
	i := lo
	for i < hi {
		ch := b[i]
		if !isWordByte(ch) {
			switch ch {
			case '<':
				if j := e.tag(i, hi); j > i {
					i = j
					continue
				}
			case '[':
				if j := e.bbTag(i, hi); j > i {
					i = j
					continue
				}
			case '!':
				e.excl++
			}
			i++
			continue
		}
		if ch == 'h' || ch == 'w' {
			if hl, hh, ok := parseURL(b[:hi], i); ok {
				e.addLink(hl, hh)
				i = hh // the path is read as words
				continue
			}
		}
		j := i + 1
		for j < hi && isWordByte(b[j]) {
			j++
		}
		e.word(i, j)
		i = j
	}
}

// word adds the content word buf[lo:hi] and its 3-shingle for the
// near-duplicate signature. (Word bigrams were tried and dropped: the
// character 4-grams already see across word boundaries, and the k-fold
// figures were no better with them.)
func (e *extractor) word(lo, hi int) {
	b := e.buf
	for lo < hi && isTrimByte(b[lo]) {
		lo++
	}
	for hi > lo && isTrimByte(b[hi-1]) {
		hi--
	}
	if hi-lo < 2 {
		return
	}
	text := b[lo:hi]
	long := hi-lo > maxWord
	if long {
		// Long runs (encoded data, query strings) say little beyond their
		// first byte and size.
		t := append(e.tmp[:0], "skip:"...)
		text = strconv.AppendInt(append(t, b[lo]), int64((hi-lo)/10), 10)
	}
	raw := hashBytes(text)
	h := e.addRaw(kindWord, raw, text)
	if !long && len(e.words) < maxWords {
		e.words = append(e.words, wordRef{int32(lo), int32(hi), h})
	}
	if e.anchor {
		e.addRaw(kindAnchor, raw, text)
	}
	if e.nwords > 1 {
		// The shingle of the last three words, for near-duplicates.
		e.sig.add(mix(e.prev2*golden ^ e.prev1*fnvPrime ^ raw))
		e.shingles++
	}
	e.prev2 = e.prev1
	e.prev1 = raw
	e.nwords++
}

// grams adds the character 4-grams of buf[:n]: they catch what words miss
// (spelling tricks, foreign scripts, markup, numbers glued to words).
//
// It is addRaw and addHash unrolled for the verdict path: there are as
// many 4-grams as bytes, and they are half of a verdict's work.
func (e *extractor) grams(n int) {
	b := e.buf[:n]
	if e.wantStrings {
		for i := 0; i+gramLen <= len(b); i++ {
			g := b[i : i+gramLen]
			e.addRaw(kindGram, hashGram(g), g)
		}
		return
	}
	gs := e.groups[groupGram]
	room := e.limit - e.nfeat
	added := 0
	for i := 0; i+gramLen <= len(b) && added < room; i++ {
		slot := slotOf(featureHash(kindGram, hashGram(b[i:i+gramLen])))
		fresh := e.mark(slot)
		n := len(gs)
		gs = gs[:n+1] // capacity maxFeatures+1: never grows
		gs[n] = slot
		gs = gs[:n+fresh]
		added += fresh
	}
	e.groups[groupGram] = gs
	e.nfeat += added
}

func (e *extractor) add(kind byte, text []byte) uint64 {
	return e.addRaw(kind, hashBytes(text), text)
}

func (e *extractor) addString(kind byte, text string) {
	if e.addHash(featureHash(kind, hashString(text))) && e.wantStrings {
		e.strs = append(e.strs, string(kind)+":"+text)
	}
}

// addRaw adds the feature of the given kind and text hash and returns its
// hash.
func (e *extractor) addRaw(kind byte, raw uint64, text []byte) uint64 {
	h := featureHash(kind, raw)
	if !e.addHash(h) {
		return h
	}
	if e.wantStrings {
		if kind == kindSender {
			// The address itself is personal data: the learning log keeps
			// only its hash, which is all the model and memory need.
			e.strs = append(e.strs, hashedFeature(kind, raw))
		} else {
			e.strs = append(e.strs, string(kind)+":"+escapeText(text))
		}
	}
	// The memory learns the keys of the features that made it into the
	// comment's features, exactly as parseSample derives them.
	switch kind {
	case kindSender, kindEmail:
		e.learnKeys = append(e.learnKeys, h)
	case kindLink, kindSite:
		e.learnKeys = append(e.learnKeys, featureHash(kindHost, raw))
	}
	return h
}

// addHash adds the feature h unless the comment has maxFeatures already
// or the dedup bitmap has seen its slot, and reports whether it added it.
// The bitmap is a one-hash Bloom filter: about one feature in a hundred is
// dropped as a false duplicate, the same one on every call, which buys a
// dedup without unpredictable branches (the verdict's largest cost).
// Features that share a slot share a weight anyway.
func (e *extractor) addHash(h uint64) bool {
	if e.nfeat >= e.limit {
		return false
	}
	slot := slotOf(h)
	fresh := e.mark(slot)
	g := h >> groupBits
	gs := e.groups[g]
	n := len(gs)
	gs = gs[:n+1] // capacity maxFeatures+1: the write below never grows it
	gs[n] = slot
	e.groups[g] = gs[:n+fresh]
	e.nfeat += fresh
	return fresh == 1
}

// mark sets the bit of slot in the dedup bitmap and returns 1 if it was
// clear, else 0.
func (e *extractor) mark(slot uint32) int {
	k := slot * 0x9e3779b1 >> 16 // 16 well-mixed bits
	seen := e.seen[:seenBits/64]
	word := seen[k/64]
	bit := uint64(1) << (k % 64)
	seen[k/64] = word | bit
	if word&bit == 0 {
		return 1
	}
	return 0
}
