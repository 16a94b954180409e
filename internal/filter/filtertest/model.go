// Package filtertest gives tests a small spam model whose verdicts they can
// predict: a comment is spam when its words were seen more often in spam
// than in ham. It stands in for the statistical model where a test is about
// plumbing (persistence, the HTTP API), not about filtering well.
package filtertest

import (
	"strings"
	"sync"

	"masthead/internal/spam"
)

// Model counts words by label. Like spam.Model it is not locked: the
// filter serializes Learn against Check.
type Model struct {
	spam, ham map[string]int
	Learned   int // Learn calls, to check each event is applied once

	lastMu sync.Mutex
	last   spam.Comment
}

// LastChecked returns the comment Check saw last, for tests of what a
// caller passes on.
func (m *Model) LastChecked() spam.Comment {
	m.lastMu.Lock()
	defer m.lastMu.Unlock()
	return m.last
}

// NewModel returns an empty model.
func NewModel() *Model { return &Model{spam: map[string]int{}, ham: map[string]int{}} }

// Features returns the content's lower-cased words, the author as "a:…"
// and the e-mail address as "x:…".
func (m *Model) Features(c spam.Comment) []string {
	var out []string
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, w := range strings.Fields(strings.ToLower(c.Content)) {
		add("w:" + strings.Trim(w, ".,!?;:\"'()"))
	}
	if c.Author != "" {
		add("a:" + strings.ToLower(c.Author))
	}
	if c.Email != "" {
		add("x:" + strings.ToLower(c.Email))
	}
	return out
}

// Learn adds the features to the label's counts.
func (m *Model) Learn(features []string, isSpam bool) {
	m.Learned++
	counts := m.ham
	if isSpam {
		counts = m.spam
	}
	for _, f := range features {
		counts[f]++
	}
}

// Check calls a comment spam when its features were seen more often in
// spam than in ham, and discard when that lead is 5 or more; a filled
// honeypot is spam too. Its reasons name the features, the e-mail address
// included, as a careless model's might.
func (m *Model) Check(c spam.Comment) spam.Verdict {
	m.lastMu.Lock()
	m.last = c
	m.lastMu.Unlock()
	if c.Honeypot != "" {
		return spam.Verdict{Class: spam.ClassSpam, Score: 1, Reasons: []string{"honeypot field filled"}}
	}
	lead := 0
	var reasons []string
	for _, f := range m.Features(c) {
		if d := m.spam[f] - m.ham[f]; d != 0 {
			lead += d
			if d > 0 {
				reasons = append(reasons, "seen in spam: "+f[2:])
			}
		}
	}
	switch {
	case lead >= 5:
		return spam.Verdict{Class: spam.ClassDiscard, Score: 1, Reasons: reasons}
	case lead > 0:
		return spam.Verdict{Class: spam.ClassSpam, Score: 0.9, Reasons: reasons}
	}
	return spam.Verdict{Class: spam.ClassHam, Score: 0.1}
}
