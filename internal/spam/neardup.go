package spam

import (
	"encoding/binary"
	"encoding/hex"
	"math"
)

const (
	sigBins     = 32 // minhash bins
	minShingles = 8  // shorter texts get no signature: short comments look alike
	dupRows     = 2  // bins per LSH band
	dupBands    = sigBins / dupRows
	dupMatch    = 16   // equal bins for a near-duplicate (Jaccard ≈ 0.5)
	dupMerge    = 24   // equal bins to count a learned text into an entry (≈ 0.75)
	maxDups     = 8192 // remembered texts; the oldest are forgotten first
)

// signature is a one-permutation minhash of a text's word 3-shingles: bin
// i holds the smallest hash whose top bits are i. Two signatures agree in
// a bin with probability equal to the texts' shingle Jaccard similarity.
type signature [sigBins]uint32

func (s *signature) reset() {
	for i := range s {
		s[i] = math.MaxUint32
	}
}

// add takes a well-mixed shingle hash.
func (s *signature) add(h uint64) {
	bin := h >> (64 - 5)
	if v := uint32(h); v < s[bin] {
		s[bin] = v
	}
}

// finish fills empty bins from the next filled one (densification), so
// short texts still compare bin by bin.
func (s *signature) finish(shingles int) {
	if shingles < minShingles {
		return
	}
	orig := *s
	for i := range s {
		if s[i] != math.MaxUint32 {
			continue
		}
		for k := 1; k < sigBins; k++ {
			if v := orig[(i+k)%sigBins]; v != math.MaxUint32 {
				s[i] = uint32(mix(uint64(v) + uint64(k)*golden))
				break
			}
		}
	}
}

func (s *signature) equalBins(t *signature) int {
	n := 0
	for i := range s {
		if s[i] == t[i] {
			n++
		}
	}
	return n
}

func (s *signature) band(i int) uint64 {
	return mix(uint64(s[i*dupRows])<<32 | uint64(s[i*dupRows+1]) + uint64(i)*golden)
}

func (s *signature) encode() string {
	var b [sigBins * 4]byte
	for i, v := range s {
		binary.BigEndian.PutUint32(b[i*4:], v)
	}
	return hex.EncodeToString(b[:])
}

func decodeSignature(text string) (signature, bool) {
	var s signature
	b, err := hex.DecodeString(text)
	if err != nil || len(b) != sigBins*4 {
		return s, false
	}
	for i := range s {
		s[i] = binary.BigEndian.Uint32(b[i*4:])
	}
	return s, true
}

// dupEntry is a cluster of learned texts with near-identical signatures.
type dupEntry struct {
	sig       signature
	spam, ham uint32
}

// nearDups remembers the signatures of learned texts in a ring, indexed by
// LSH bands so that a lookup touches only likely matches.
type nearDups struct {
	entries []dupEntry
	next    int                // ring position of the next new entry
	index   map[uint64][]int32 // band hash → entry positions

	// bloom has the bit of every band hash in index (and of some that
	// were): most texts are no near-duplicate, and a clear bit spares a
	// map lookup. It only saves time; results never depend on it.
	bloom []uint64
	stale int // band hashes removed since bloom was rebuilt
}

const bloomLog = 20 // 2^20 bits: 128 KiB

func newNearDups() *nearDups {
	return &nearDups{index: make(map[uint64][]int32), bloom: make([]uint64, 1<<bloomLog/64)}
}

// bloomBit locates the bit of band hash k: its top bits, well mixed.
func bloomBit(k uint64) (int, uint64) {
	b := k >> (64 - bloomLog)
	return int(b / 64), 1 << (b % 64)
}

// candidates appends to buf the entries sharing a band with s, each once.
func (d *nearDups) candidates(s *signature, buf []int32) []int32 {
	buf = buf[:0]
	for b := 0; b < dupBands; b++ {
		k := s.band(b)
		if w, bit := bloomBit(k); d.bloom[w]&bit == 0 {
			continue
		}
	next:
		for _, id := range d.index[k] {
			for _, x := range buf {
				if x == id {
					continue next
				}
			}
			buf = append(buf, id)
		}
	}
	return buf
}

// match sums the counts of the entries similar to s.
func (d *nearDups) match(s *signature, buf []int32) (spam, ham uint32, _ []int32) {
	buf = d.candidates(s, buf)
	for _, id := range buf {
		e := &d.entries[id]
		if e.sig.equalBins(s) >= dupMatch {
			spam += e.spam
			ham += e.ham
		}
	}
	return spam, ham, buf
}

// learn counts a labelled text into its cluster, or starts a new one.
func (d *nearDups) learn(s *signature, spam bool) {
	best, bestEq := int32(-1), dupMerge-1
	for _, id := range d.candidates(s, nil) {
		// Ties go to the lowest position, whatever the index order.
		if eq := d.entries[id].sig.equalBins(s); eq > bestEq || eq == bestEq && best >= 0 && id < best {
			best, bestEq = id, eq
		}
	}
	if best < 0 {
		best = d.insert(s)
	}
	if spam {
		d.entries[best].spam++
	} else {
		d.entries[best].ham++
	}
}

func (d *nearDups) insert(s *signature) int32 {
	id := int32(d.next)
	if d.next < len(d.entries) {
		d.unindex(id)
		d.entries[id] = dupEntry{sig: *s}
	} else {
		d.entries = append(d.entries, dupEntry{sig: *s})
	}
	d.next = (d.next + 1) % maxDups
	for b := 0; b < dupBands; b++ {
		k := s.band(b)
		d.index[k] = append(d.index[k], id)
		w, bit := bloomBit(k)
		d.bloom[w] |= bit
	}
	return id
}

func (d *nearDups) unindex(id int32) {
	old := &d.entries[id].sig
	for b := 0; b < dupBands; b++ {
		k := old.band(b)
		list := d.index[k]
		for i, x := range list {
			if x == id {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(d.index, k)
			d.stale++
		} else {
			d.index[k] = list
		}
	}
	if d.stale > maxDups*dupBands/4 {
		clear(d.bloom)
		for k := range d.index {
			w, bit := bloomBit(k)
			d.bloom[w] |= bit
		}
		d.stale = 0
	}
}

func (d *nearDups) clone() *nearDups {
	c := &nearDups{
		entries: append([]dupEntry(nil), d.entries...),
		next:    d.next,
		index:   make(map[uint64][]int32, len(d.index)),
		bloom:   append([]uint64(nil), d.bloom...),
		stale:   d.stale,
	}
	for k, v := range d.index {
		c.index[k] = append([]int32(nil), v...)
	}
	return c
}
