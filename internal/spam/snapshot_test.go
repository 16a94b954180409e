package spam

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// sameState reports whether two models hold the same learnable state. The
// near-duplicate index and bloom filter are derived from the entries.
func sameState(a, b *Model) bool {
	return reflect.DeepEqual(a.w, b.w) && reflect.DeepEqual(a.g, b.g) && a.bias == b.bias &&
		reflect.DeepEqual(a.mem, b.mem) && reflect.DeepEqual(a.dups.entries, b.dups.entries) &&
		a.dups.next == b.dups.next
}

func TestSnapshotRoundTrip(t *testing.T) {
	base, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	r := &rng{s: 11}
	events := func(n int) []event { return mixedEvents(base, corpus, r, n) }

	a := base.Clone()
	for _, ev := range events(80) {
		a.Learn(ev.Features, ev.Spam)
	}
	start := time.Now()
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("snapshot of the default model after 80 events: %d bytes in %v", len(data), time.Since(start))
	if v := SnapshotVersionOf(data); v != SnapshotVersion {
		t.Fatalf("version %d, want %d", v, SnapshotVersion)
	}

	b := New() // an empty model: everything must come from the snapshot
	start = time.Now()
	if err := b.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	t.Logf("restored in %v", time.Since(start))
	if !sameState(a, b) {
		t.Fatal("the restored model's state differs")
	}

	probes := []Comment{neutral()}
	for range 20 {
		probes = append(probes, campaign(r))
	}
	for i := 0; i < len(corpus); i += 10 {
		probes = append(probes, corpus[i].Comment())
	}
	check := func(when string) {
		t.Helper()
		changed := 0
		for _, c := range probes {
			va, vb := a.Check(c), b.Check(c)
			if !reflect.DeepEqual(va, vb) {
				t.Fatalf("%s: verdicts differ: %+v vs %+v", when, va, vb)
			}
			if base.Check(c).Score != va.Score {
				changed++
			}
		}
		if changed == 0 {
			t.Errorf("%s: learning changed no verdict, the comparison proves little", when)
		}
	}
	check("after restoring")

	// Both learn the same afterwards.
	for _, ev := range events(40) {
		a.Learn(ev.Features, ev.Spam)
		b.Learn(ev.Features, ev.Spam)
	}
	if !sameState(a, b) {
		t.Fatal("the restored model learned differently")
	}
	check("after learning on")

	// And a snapshot of the restored model is the same snapshot.
	da, _ := a.MarshalBinary()
	db, _ := b.MarshalBinary()
	if string(da) != string(db) {
		t.Error("snapshots of equal models differ")
	}
}

// A full near-duplicate ring (wrapped, the next entry mid-ring) and a
// memory that was pruned survive the round trip.
func TestSnapshotFullRing(t *testing.T) {
	a := New()
	for i := range maxDups + 100 {
		var sig signature
		for j := range sig {
			sig[j] = uint32(mix(uint64(i*sigBins + j)))
		}
		a.dups.learn(&sig, i%3 == 0)
		a.mem.learn(uint64(i)*golden, i%2 == 0)
	}
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	b := New()
	if err := b.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !sameState(a, b) || b.dups.next != 100 {
		t.Fatalf("state differs after the round trip (next %d)", b.dups.next)
	}
	var buf []int32
	for i := range 200 {
		sig := a.dups.entries[i*37%maxDups].sig
		sa, ha, _ := a.dups.match(&sig, buf)
		sb, hb, _ := b.dups.match(&sig, buf)
		if sa != sb || ha != hb {
			t.Fatalf("entry %d matches %d/%d, restored %d/%d", i, sa, ha, sb, hb)
		}
	}
}

func TestSnapshotRejects(t *testing.T) {
	m := New()
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	future := append([]byte(nil), data...)
	future[len(snapshotMagic)] = SnapshotVersion + 1
	if err := m.UnmarshalBinary(future); !errors.Is(err, ErrSnapshotVersion) {
		t.Errorf("future version: %v, want ErrSnapshotVersion", err)
	}
	for _, bad := range [][]byte{nil, []byte("hello"), data[:len(data)-3]} {
		if err := m.UnmarshalBinary(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
