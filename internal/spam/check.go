package spam

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// The decision: the text model's log-odds, less the threshold, plus the
// evidence of the rules and memories, is the verdict's log-odds.
const (
	// spamThreshold is the text model's log-odds at which a comment
	// becomes spam, tuned on the corpus (5-fold, three splits) toward a
	// false-positive rate under 0.3 %.
	spamThreshold = -0.4
	// discardMargin is how far above the threshold spam is discarded; no
	// corpus ham comes within 3 of it.
	discardMargin = 9.0

	minReason       = 0.5  // evidence weaker than this is not worth a reason
	minWordEvidence = 0.02 // log-odds a word must add to be named
)

// evidence is one finding with its weight and the words for it.
type evidence struct {
	w      float64
	reason string
}

// Check returns the verdict on c. It does no I/O and holds the model's
// read lock only while it looks up weights and memories.
func (m *Model) Check(c Comment) Verdict {
	if v, ok := akismetTest(&c); ok {
		return v
	}

	var evs []evidence
	hard := ""
	if c.Honeypot != "" {
		hard = "honeypot filled"
	} else if c.Token == TokenForged {
		hard = "form token forged"
	}
	evs = formRules(&c, evs)
	kw, disallowed := matchDisallowed(&c)

	e := m.extractor()
	defer m.release(e)
	e.extract(&c, false)
	evs = linkRules(e, evs)

	sc := scales(&e.groups)
	m.mu.RLock()
	z := m.margin(&e.groups, &sc) - spamThreshold
	evs = m.memoryRules(e, &c, evs)
	total := z
	for _, ev := range evs {
		total += ev.w
	}
	if disallowed {
		total = max(total, disallowedFloor)
	}
	var words string
	if total >= 0 && z > 0 {
		words = m.spamWords(e, &sc)
	}
	m.mu.RUnlock()

	v := Verdict{Score: sigmoid(total), Class: ClassHam}
	switch {
	case hard != "":
		v.Class, v.Score = ClassDiscard, 1
	case total >= discardMargin:
		v.Class = ClassDiscard
	case total >= 0:
		v.Class = ClassSpam
	}

	text := evidence{w: z}
	// The text's score is on the verdict's scale: 0.5 is the threshold.
	if z >= 0 {
		text.reason = "text looks like spam (score " + formatScore(sigmoid(z)) + ")"
	} else {
		text.reason = "text looks like ham (score " + formatScore(sigmoid(z)) + ")"
	}
	evs = append(evs, text)
	if words != "" {
		evs = append(evs, evidence{z, words}) // sorts right after the text's
	}
	// Strongest first, in the direction of the verdict; evidence against
	// the verdict follows, so a moderator sees what was weighed.
	spam := v.Class.IsSpam()
	slices.SortStableFunc(evs, func(a, b evidence) int {
		x, y := a.w, b.w
		if !spam {
			x, y = -x, -y
		}
		if x > y {
			return -1
		}
		if x < y {
			return 1
		}
		return 0
	})
	n := len(evs) + 2
	v.Reasons = make([]string, 0, n)
	if hard != "" {
		v.Reasons = append(v.Reasons, hard)
	}
	if disallowed {
		v.Reasons = append(v.Reasons, "contains disallowed keyword "+strconv.Quote(kw))
	}
	for _, ev := range evs {
		if ev.reason == text.reason || math.Abs(ev.w) >= minReason {
			v.Reasons = append(v.Reasons, ev.reason)
		}
	}
	return v
}

// spamWords names the content words that pushed the text score most
// toward spam. The caller holds the read lock.
func (m *Model) spamWords(e *extractor, sc *[3]float64) string {
	type cand struct {
		w      float64
		lo, hi int32
	}
	var top [3]cand
	for _, wr := range e.words {
		w := float64(m.w[slotOf(wr.h)]) * sc[groupText]
		if w <= top[2].w {
			continue
		}
		text := e.buf[wr.lo:wr.hi]
		dup := false
		for _, t := range top {
			if t.hi > t.lo && string(e.buf[t.lo:t.hi]) == string(text) {
				dup = true
			}
		}
		if dup {
			continue
		}
		top[2] = cand{w, wr.lo, wr.hi}
		for i := 2; i > 0 && top[i].w > top[i-1].w; i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
	}
	var b []byte
	for _, t := range top {
		if t.w < minWordEvidence {
			break
		}
		if b == nil {
			b = append(b, "words typical of spam: "...)
		} else {
			b = append(b, ", "...)
		}
		b = append(b, e.buf[t.lo:t.hi]...)
	}
	return strings.ToValidUTF8(string(b), "")
}

func formatScore(p float64) string {
	return strconv.FormatFloat(p, 'f', 2, 64)
}
