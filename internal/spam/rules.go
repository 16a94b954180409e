package spam

import (
	"strconv"
	"strings"
	"time"
)

// Rule weights, in log-odds added to the text model's. They are
// deliberately round: each rule must be able to tip a borderline comment,
// and the strong ones must decide alone.
const (
	minFormAge      = 3 * time.Second
	wFormTooFast    = 4.0 // plus up to 2 the faster it was
	wTokenMissing   = 5.0
	wTokenReplayed  = 6.0
	wBBCode         = 4.0
	anchorsAllowed  = 1   // links with anchor text before the link rule counts
	wPerAnchor      = 0.5 // per link with anchor text beyond that
	maxLinkEvidence = 2.0
	disallowedFloor = 3.0 // a disallowed keyword makes spam at least this sure
)

// akismetTest handles Akismet's documented test triggers: the
// guaranteed-spam author or e-mail is spam (not discard, as Akismet
// answers it), the administrator role ham.
func akismetTest(c *Comment) (Verdict, bool) {
	switch {
	case c.UserRole == "administrator":
		return Verdict{Class: ClassHam, Score: 0, Reasons: []string{"posted by an administrator"}}, true
	case strings.EqualFold(c.Author, "akismet-guaranteed-spam"),
		strings.EqualFold(c.Email, "akismet-guaranteed-spam@example.com"):
		return Verdict{Class: ClassSpam, Score: 1, Reasons: []string{"Akismet test trigger: guaranteed spam"}}, true
	}
	return Verdict{}, false
}

// formRules weighs the form token and the time taken to fill the form.
func formRules(c *Comment, evs []evidence) []evidence {
	switch c.Token {
	case TokenMissing:
		evs = append(evs, evidence{wTokenMissing, "form token missing"})
	case TokenReplayed:
		evs = append(evs, evidence{wTokenReplayed, "form token replayed"})
	}
	if c.FormAge > 0 && c.FormAge < minFormAge {
		w := wFormTooFast + 2*float64(minFormAge-c.FormAge)/float64(minFormAge)
		when := strconv.FormatFloat(c.FormAge.Seconds(), 'f', 1, 64) + " s"
		if c.FormAge < 100*time.Millisecond {
			when = "less than 0.1 s" // "0.0 s" would read as no time at all
		}
		evs = append(evs, evidence{w, "form sent " + when + " after it was served"})
	}
	return evs
}

// linkRules weighs link markup: BBCode links do not belong on this site,
// and links with anchor text are how comment spam buys rank. Bare URLs are
// common in honest comments (and in the corpus's mailing-list ham), so the
// model alone weighs those, through the links= features.
func linkRules(e *extractor, evs []evidence) []evidence {
	if e.bbcode {
		evs = append(evs, evidence{wBBCode, "BBCode links ([url=…])"})
	}
	if e.anchors > anchorsAllowed {
		w := min(wPerAnchor*float64(e.anchors-anchorsAllowed), maxLinkEvidence)
		evs = append(evs, evidence{w, strconv.Itoa(e.anchors) + " links with anchor text"})
	}
	return evs
}

// matchDisallowed applies the site's disallowed keywords the way
// WordPress does: one keyword or phrase per line, matched
// case-insensitively anywhere in the author, e-mail, URL, content (with
// and without HTML tags), IP or user agent.
func matchDisallowed(c *Comment) (string, bool) {
	if len(c.Disallowed) == 0 {
		return "", false
	}
	stripped := ""
	if strings.IndexByte(c.Content, '<') >= 0 {
		stripped = stripTags(c.Content)
	}
	fields := [...]string{c.Author, c.Email, c.URL, c.Content, stripped, c.IP, c.UserAgent}
	for _, entry := range c.Disallowed {
		for line := range strings.SplitSeq(entry, "\n") {
			kw := strings.TrimSpace(line)
			if kw == "" {
				continue
			}
			for _, f := range fields {
				if containsFold(f, kw) {
					return kw, true
				}
			}
		}
	}
	return "", false
}

// containsFold reports whether sub is in s, ignoring case.
func containsFold(s, sub string) bool {
	if len(sub) > len(s) {
		return false
	}
	for i := 0; i < len(sub); i++ {
		if sub[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
		}
	}
	first := lowerASCII(sub[0])
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerASCII(s[i]) != first {
			continue
		}
		j := 1
		for j < len(sub) && lowerASCII(s[i+j]) == lowerASCII(sub[j]) {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// stripTags removes HTML tags, as WordPress's wp_strip_all_tags does for
// the disallowed-keyword check.
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	in := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<':
			in = true
		case s[i] == '>' && in:
			in = false
		case !in:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
