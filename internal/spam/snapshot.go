package spam

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
)

// A snapshot is all the learnable state of a model (weights, AdaGrad
// sums, bias, the memories of senders, IPs and domains, the near-duplicate
// clusters) in a compact binary form, so that a site's model can be
// restored without replaying its whole learning log:
//
//	"MHSPAM" version(1 byte) gzip(body)
//
// body, integers as uvarints unless noted:
//
//	tableSize  bias(float64 bits, 8 bytes LE)
//	n, n × (slot − previous slot − 1, w(float32 bits LE), g(float32 bits LE))
//	  only the slots where w or g is not zero, in slot order
//	n, n × (key − previous key, spam, ham)   the memory, in key order
//	n, next, n × (sigBins × uint32 LE, spam, ham)   the near-duplicate ring
//
// The LSH index and bloom filter of the ring are rebuilt from the entries:
// verdicts and learning never depend on their order or contents beyond
// the entries themselves.
const (
	snapshotMagic   = "MHSPAM"
	SnapshotVersion = 1 // the format MarshalBinary writes
)

// ErrSnapshotVersion is returned by UnmarshalBinary for a snapshot in a
// format this version of the package does not read.
var ErrSnapshotVersion = errors.New("spam: unknown model snapshot version")

// SnapshotVersionOf returns the format version of a snapshot, or -1 when
// data is no snapshot.
func SnapshotVersionOf(data []byte) int {
	if len(data) <= len(snapshotMagic) || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return -1
	}
	return int(data[len(snapshotMagic)])
}

// MarshalBinary returns a snapshot of the model's learnable state. A model
// restored from it with UnmarshalBinary gives the same verdicts and
// learns the same from then on.
func (m *Model) MarshalBinary() ([]byte, error) {
	m.mu.RLock()
	body := m.appendBody(nil)
	m.mu.RUnlock()

	var out bytes.Buffer
	out.WriteString(snapshotMagic)
	out.WriteByte(SnapshotVersion)
	zw, err := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// appendBody encodes the state; the caller holds the read lock.
func (m *Model) appendBody(b []byte) []byte {
	b = binary.AppendUvarint(b, tableSize)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.bias))

	n := 0
	for j := range m.w {
		if m.w[j] != 0 || m.g[j] != 0 {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	prev := -1
	for j := range m.w {
		if m.w[j] == 0 && m.g[j] == 0 {
			continue
		}
		b = binary.AppendUvarint(b, uint64(j-prev-1))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.w[j]))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.g[j]))
		prev = j
	}

	keys := slices.Sorted(maps.Keys(m.mem))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	var prevKey uint64
	for _, k := range keys {
		r := m.mem[k]
		b = binary.AppendUvarint(b, k-prevKey)
		b = binary.AppendUvarint(b, uint64(r.spam))
		b = binary.AppendUvarint(b, uint64(r.ham))
		prevKey = k
	}

	d := m.dups
	b = binary.AppendUvarint(b, uint64(len(d.entries)))
	b = binary.AppendUvarint(b, uint64(d.next))
	for i := range d.entries {
		e := &d.entries[i]
		for _, v := range e.sig {
			b = binary.LittleEndian.AppendUint32(b, v)
		}
		b = binary.AppendUvarint(b, uint64(e.spam))
		b = binary.AppendUvarint(b, uint64(e.ham))
	}
	return b
}

// UnmarshalBinary replaces the model's learnable state with the snapshot
// MarshalBinary made. On error the model is left unchanged.
func (m *Model) UnmarshalBinary(data []byte) error {
	switch v := SnapshotVersionOf(data); {
	case v < 0:
		return errors.New("spam: not a model snapshot")
	case v != SnapshotVersion:
		return fmt.Errorf("%w %d (want %d)", ErrSnapshotVersion, v, SnapshotVersion)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data[len(snapshotMagic)+1:]))
	if err != nil {
		return fmt.Errorf("spam: model snapshot: %w", err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("spam: model snapshot: %w", err)
	}
	s, err := decodeBody(body)
	if err != nil {
		return fmt.Errorf("spam: model snapshot: %w", err)
	}
	m.mu.Lock()
	m.w, m.g, m.bias, m.mem, m.dups = s.w, s.g, s.bias, s.mem, s.dups
	m.mu.Unlock()
	return nil
}

var errCorrupt = errors.New("corrupt")

// reader decodes a body; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint(max uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > max {
		r.err = errCorrupt
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.err = errCorrupt
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) u64() uint64 {
	if r.err != nil || len(r.b) < 8 {
		r.err = errCorrupt
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func decodeBody(body []byte) (*Model, error) {
	r := &reader{b: body}
	if r.uvarint(math.MaxUint64) != tableSize {
		return nil, errors.New("table size differs")
	}
	m := New()
	m.bias = math.Float64frombits(r.u64())

	n := r.uvarint(tableSize)
	j := -1
	for range n {
		j += int(r.uvarint(tableSize)) + 1
		if r.err != nil || j >= tableSize {
			return nil, errCorrupt
		}
		m.w[j] = math.Float32frombits(r.u32())
		m.g[j] = math.Float32frombits(r.u32())
	}

	n = r.uvarint(maxMemory + 1)
	var key uint64
	for i := range n {
		d := r.uvarint(math.MaxUint64)
		if i > 0 && d == 0 {
			r.err = errCorrupt
		}
		key += d
		m.mem[key] = reputation{spam: uint32(r.uvarint(math.MaxUint32)), ham: uint32(r.uvarint(math.MaxUint32))}
	}

	n = r.uvarint(maxDups)
	next := r.uvarint(maxDups - 1)
	if r.err == nil && n < maxDups && next != n {
		r.err = errCorrupt // the ring fills in order before it wraps
	}
	for range n {
		if r.err != nil {
			break
		}
		var e dupEntry
		for i := range e.sig {
			e.sig[i] = r.u32()
		}
		e.spam = uint32(r.uvarint(math.MaxUint32))
		e.ham = uint32(r.uvarint(math.MaxUint32))
		m.dups.insert(&e.sig)
		m.dups.entries[len(m.dups.entries)-1] = e
	}
	m.dups.next = int(next)
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errors.New("trailing data")
	}
	return m, nil
}
