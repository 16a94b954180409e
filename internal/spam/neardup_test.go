package spam

import "testing"

func TestSignatureSimilarity(t *testing.T) {
	sig := func(text string) signature {
		e := newExtractor()
		e.extract(&Comment{Content: text}, false)
		if e.shingles < minShingles {
			t.Fatalf("%q: %d shingles", text, e.shingles)
		}
		return e.sig
	}
	a := sig("the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat by the door")
	b := sig("the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat by the window")
	c := sig("completely different words form another sentence that shares nothing at all with the first one here")
	if eq := a.equalBins(&b); eq < dupMatch {
		t.Errorf("near-identical texts agree in %d of %d bins", eq, sigBins)
	}
	if eq := a.equalBins(&c); eq >= dupMatch {
		t.Errorf("unrelated texts agree in %d of %d bins", eq, sigBins)
	}
	d, ok := decodeSignature(a.encode())
	if !ok || d != a {
		t.Error("signature does not survive encoding")
	}
}

func TestNearDupsRing(t *testing.T) {
	d := newNearDups()
	var s signature
	for i := range 2*maxDups + 10 { // wraps twice, rebuilding the bloom filter
		for b := range s {
			s[b] = uint32(mix(uint64(i*sigBins + b)))
		}
		d.learn(&s, true)
	}
	if len(d.entries) != maxDups {
		t.Fatalf("%d entries, want %d", len(d.entries), maxDups)
	}
	// The last one is found, the first ones are forgotten and unindexed.
	if sp, _, _ := d.match(&s, nil); sp != 1 {
		t.Errorf("last signature: %d spam, want 1", sp)
	}
	for b := range s {
		s[b] = uint32(mix(uint64(b)))
	}
	if sp, _, _ := d.match(&s, nil); sp != 0 {
		t.Errorf("forgotten signature still matches")
	}
	n := 0
	for k, ids := range d.index {
		n += len(ids)
		if w, bit := bloomBit(k); d.bloom[w]&bit == 0 {
			t.Fatal("an indexed band is missing from the bloom filter")
		}
	}
	if n != maxDups*dupBands {
		t.Errorf("index holds %d ids, want %d", n, maxDups*dupBands)
	}
}
