package syndication

import (
	"strings"
	"unicode"

	"masthead/internal/article"
)

// DetectLicence recognises a Creative Commons licence in a licence URL
// ("https://creativecommons.org/licenses/by-nd/4.0/"), a short code ("CC
// BY-NC-ND 3.0") or a wording ("Creative Commons – attribution, no
// derivatives", "Attribution-NoDerivatives 4.0 International"), and returns
// it in canonical form: {Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"}.
// Without a version the licence is taken to be 4.0, the current one.
// Anything else, including "all rights reserved" and Creative Commons
// mentioned without its terms, is not recognised.
func DetectLicence(text string) (article.Licence, bool) {
	lower := strings.ToLower(text)
	if l, ok := licenceFromURL(lower); ok {
		return l, true
	}
	words := licenceWords(lower)
	if l, ok := licenceFromCode(words); ok {
		return l, true
	}
	return licenceFromWording(words)
}

// ccTerms is a licence's conditions beyond attribution.
type ccTerms struct{ nc, nd, sa bool }

func (t ccTerms) valid() bool { return !(t.nd && t.sa) }

// code is the licence's short code: "by-nc-nd".
func (t ccTerms) code() string {
	c := "by"
	if t.nc {
		c += "-nc"
	}
	if t.nd {
		c += "-nd"
	}
	if t.sa {
		c += "-sa"
	}
	return c
}

// licence builds the canonical licence; jurisdiction is for the ported
// licences before 4.0 ("au" for CC BY-ND 3.0 AU).
func (t ccTerms) licence(version, jurisdiction string) article.Licence {
	if version == "" {
		version = "4.0"
	}
	name := "CC " + strings.ToUpper(t.code()) + " " + version
	u := "https://creativecommons.org/licenses/" + t.code() + "/" + version + "/"
	if jurisdiction != "" && version != "4.0" {
		name += " " + strings.ToUpper(jurisdiction)
		u += jurisdiction + "/"
	}
	return article.Licence{Name: name, URL: u}
}

func cc0() article.Licence {
	return article.Licence{Name: "CC0 1.0", URL: "https://creativecommons.org/publicdomain/zero/1.0/"}
}

func publicDomainMark() article.Licence {
	return article.Licence{Name: "Public Domain Mark 1.0", URL: "https://creativecommons.org/publicdomain/mark/1.0/"}
}

// licenceFromURL reads the first creativecommons.org licence URL in s.
func licenceFromURL(s string) (article.Licence, bool) {
	const host = "creativecommons.org/"
	for {
		i := strings.Index(s, host)
		if i < 0 {
			return article.Licence{}, false
		}
		s = s[i+len(host):]
		rest := s
		if end := strings.IndexFunc(rest, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(`"'<>)]`, r)
		}); end >= 0 {
			rest = rest[:end]
		}
		seg := strings.Split(strings.Trim(rest, "/"), "/")
		if len(seg) < 2 {
			continue
		}
		switch {
		case seg[0] == "publicdomain" && seg[1] == "zero":
			return cc0(), true
		case seg[0] == "publicdomain" && seg[1] == "mark":
			return publicDomainMark(), true
		case seg[0] == "licenses":
			t, ok := parseTerms(strings.Split(seg[1], "-"))
			if !ok {
				continue
			}
			version, jurisdiction := "", ""
			if len(seg) >= 3 && knownVersion(seg[2]) {
				version = seg[2]
				if len(seg) >= 4 && isJurisdiction(seg[3]) {
					jurisdiction = seg[3]
				}
			}
			return t.licence(version, jurisdiction), true
		}
	}
}

// parseTerms reads licence terms such as ["by", "nc", "nd"], in any order
// (version 1.0 spelt "by-nd-nc").
func parseTerms(parts []string) (ccTerms, bool) {
	if len(parts) == 0 || parts[0] != "by" {
		return ccTerms{}, false
	}
	var t ccTerms
	for _, p := range parts[1:] {
		switch p {
		case "nc":
			t.nc = true
		case "nd":
			t.nd = true
		case "sa":
			t.sa = true
		default:
			return ccTerms{}, false
		}
	}
	return t, t.valid()
}

func knownVersion(v string) bool {
	switch v {
	case "1.0", "2.0", "2.5", "3.0", "4.0":
		return true
	}
	return false
}

// isJurisdiction accepts a port's code ("au", "scotland") but not the deed
// or legal-code pages ("deed.en", "legalcode").
func isJurisdiction(s string) bool {
	if len(s) < 2 || len(s) > 12 || strings.HasPrefix(s, "deed") || strings.HasPrefix(s, "legalcode") {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '-' {
			return false
		}
	}
	return true
}

// licenceWords splits lower-cased text into words of letters and digits,
// keeping the dot inside version numbers ("4.0") and nothing else: dashes,
// slashes and punctuation all separate.
func licenceWords(s string) []string {
	rs := []rune(s)
	var (
		words []string
		cur   []rune
	)
	for i, r := range rs {
		keep := unicode.IsLetter(r) || unicode.IsDigit(r) ||
			(r == '.' && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]))
		if keep {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	if len(cur) > 0 {
		words = append(words, string(cur))
	}
	return words
}

// licenceFromCode reads a short code: "CC BY-NC-ND 3.0", "cc-by-4.0",
// "CC0".
func licenceFromCode(words []string) (article.Licence, bool) {
	for i, w := range words {
		if w == "cc0" {
			return cc0(), true
		}
		if w != "cc" || i+1 >= len(words) || words[i+1] != "by" {
			continue
		}
		parts := []string{"by"}
		j := i + 2
		for ; j < len(words) && (words[j] == "nc" || words[j] == "nd" || words[j] == "sa"); j++ {
			parts = append(parts, words[j])
		}
		t, ok := parseTerms(parts)
		if !ok {
			return article.Licence{}, false
		}
		version := ""
		if j < len(words) && knownVersion(strings.TrimPrefix(words[j], "v")) {
			version = strings.TrimPrefix(words[j], "v")
		}
		return t.licence(version, ""), true
	}
	return article.Licence{}, false
}

// licenceFromWording reads the licence's name in words. It needs
// "attribution" and either "Creative Commons" or a version number, so that
// a sentence merely asking for attribution is not taken for a licence.
func licenceFromWording(words []string) (article.Licence, bool) {
	var (
		t           ccTerms
		attribution bool
		cc          bool
		version     string
	)
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case w == "attribution":
			attribution = true
		case w == "creative" && next == "commons", w == "creativecommons":
			cc = true
		case w == "noncommercial", w == "non" && next == "commercial":
			t.nc = true
		case strings.HasPrefix(w, "noderiv"), w == "no" && strings.HasPrefix(next, "deriv"):
			t.nd = true
		case w == "sharealike", w == "share" && next == "alike":
			t.sa = true
		case version == "" && knownVersion(w):
			version = w
		}
	}
	if !attribution || !(cc || version != "") || !t.valid() {
		return article.Licence{}, false
	}
	return t.licence(version, ""), true
}
