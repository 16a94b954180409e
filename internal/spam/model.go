package spam

import (
	"maps"
	"math"
	"strings"
	"sync"
)

// The statistical model is a logistic regression over hashed features,
// trained with AdaGrad: rare features (a new spam domain, a campaign's
// wording) move fast, common ones barely, which is what online learning
// from a few moderator decisions needs.
const (
	tableBits = 20 // 2^20 weights: 4 MiB, mostly in cache
	tableSize = 1 << tableBits
	tableMask = tableSize - 1

	learnRate = 0.6  // AdaGrad step size
	biasRate  = 0.01 // plain step size of the bias
	l2        = 1e-4 // weight decay on the features touched
	hamWeight = 8    // a ham gradient counts 8 times: false positives cost more

	// Weights of the feature groups (words and links, 4-grams, metadata):
	// metadata features are few but telling.
	gwText = 1
	gwGram = 1
	gwMeta = 2

	// Online learning trains on a moderated comment until the text model
	// alone classifies it with this margin (log-odds), at most
	// maxLearnSteps times: one decision must change the next verdict.
	learnMargin   = 1.0
	maxLearnSteps = 8
)

// Model is the spam filter: the text model plus the memories built from
// moderation. It is safe for concurrent use; verdicts share a read lock.
// Make one with New, NewDefault or Train; the zero Model is not usable.
type Model struct {
	mu   sync.RWMutex
	w    []float32 // feature weights
	g    []float32 // AdaGrad sums of squared gradients
	bias float64
	mem  memory
	dups *nearDups

	pool sync.Pool // *extractor
}

// New returns an empty model that knows nothing: every text scores two
// log-odds below the spam threshold, so only rules and learning decide.
// Most callers want NewDefault or Train.
func New() *Model {
	return &Model{
		w:    make([]float32, tableSize),
		g:    make([]float32, tableSize),
		bias: spamThreshold - 2,
		mem:  make(memory),
		dups: newNearDups(),
	}
}

// Clone returns an independent copy of m, for experiments that must not
// touch the live model.
func (m *Model) Clone() *Model {
	m.mu.RLock()
	defer m.mu.RUnlock()
	c := &Model{
		w:    append([]float32(nil), m.w...),
		g:    append([]float32(nil), m.g...),
		bias: m.bias,
		mem:  maps.Clone(m.mem),
		dups: m.dups.clone(),
	}
	return c
}

func (m *Model) extractor() *extractor {
	if e, ok := m.pool.Get().(*extractor); ok {
		return e
	}
	return newExtractor()
}

func (m *Model) release(e *extractor) {
	e.strs = nil
	m.pool.Put(e)
}

// slotOf is the model table index of a feature hash.
func slotOf(h uint64) uint32 { return uint32(h & tableMask) }

// groups holds a comment's features as model slots, per feature group.
type groups = [3][]uint32

// scales returns the factor of each group: its weight over the square root
// of its size, so that long texts do not drown short metadata.
func scales(fs *groups) [3]float64 {
	return [3]float64{
		gwText / math.Sqrt(float64(len(fs[groupText])+1)),
		gwGram / math.Sqrt(float64(len(fs[groupGram])+1)),
		gwMeta / math.Sqrt(float64(len(fs[groupMeta])+1)),
	}
}

// margin returns the text model's log-odds for the features.
func (m *Model) margin(fs *groups, sc *[3]float64) float64 {
	z := m.bias
	for g, slots := range fs {
		z += float64(sum(m.w, slots) * sc[g])
	}
	return z
}

// sum adds the weights of slots with four accumulators, so that the
// independent table loads overlap.
func sum(w []float32, slots []uint32) float64 {
	w = w[:tableSize]
	var a, b, c, d float64
	i := 0
	for ; i+4 <= len(slots); i += 4 {
		a += float64(w[slots[i]&tableMask])
		b += float64(w[slots[i+1]&tableMask])
		c += float64(w[slots[i+2]&tableMask])
		d += float64(w[slots[i+3]&tableMask])
	}
	for ; i < len(slots); i++ {
		a += float64(w[slots[i]&tableMask])
	}
	return (a + b) + (c + d)
}

// step is one AdaGrad step of the logistic loss on one sample. Batch
// training learns the bias too; online learning leaves it alone, or the
// borderline comments moderators correct, mostly ham, would drag every
// verdict their way.
func (m *Model) step(fs *groups, sc *[3]float64, spam, bias bool) {
	p := sigmoid(m.margin(fs, sc))
	g := float64(p * hamWeight)
	if spam {
		g = p - 1
	}
	if bias {
		m.bias -= float64(biasRate * g)
	}
	w, acc := m.w[:tableSize], m.g[:tableSize]
	for k, slots := range fs {
		gk := float64(g * sc[k])
		for _, x := range slots {
			j := x & tableMask
			wj := float64(w[j])
			gi := gk + float64(l2*wj)
			a := acc[j] + float32(gi*gi)
			acc[j] = a
			w[j] = float32(wj - float64(learnRate*gi)/math.Sqrt(float64(a)+1e-6))
		}
	}
}

// Learn applies a moderation decision (or an Akismet submit-spam /
// submit-ham) to the model at once: features are what Features returned
// for the comment, spam is the label. Replaying the same events in the
// same order on a fresh NewDefault model gives the same model.
func (m *Model) Learn(features []string, spam bool) {
	s := parseSample(features)
	sc := scales(&s.groups)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.remember(s.mem, &s.sig, s.hasSig, spam)
	for range maxLearnSteps {
		z := m.margin(&s.groups, &sc) - spamThreshold
		if spam && z >= learnMargin || !spam && z <= -learnMargin {
			break
		}
		m.step(&s.groups, &sc, spam, false)
	}
}

// remember counts a decision into the memories. The caller holds the
// write lock.
func (m *Model) remember(keys []uint64, sig *signature, hasSig, spam bool) {
	for _, k := range keys {
		m.mem.learn(k, spam)
	}
	if hasSig {
		m.dups.learn(sig, spam)
	}
}

// memoryKeys appends the memory keys of the extracted comment, each once:
// the same keys parseSample finds in the comment's feature strings.
func (e *extractor) memoryKeys(ip string, keys []uint64) []uint64 {
	add := func(k uint64) {
		for _, x := range keys {
			if x == k {
				return
			}
		}
		keys = append(keys, k)
	}
	for _, k := range e.learnKeys {
		add(k)
	}
	if ip != "" {
		add(ipKey(ip))
	}
	return keys
}

func ipKey(ip string) uint64 {
	return featureHash(kindIP, hashString(strings.ToLower(ip)))
}
