package spam

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFeaturesMatchExtract checks the replay design: parsing the strings of
// Features gives exactly the features and memory keys the verdict path
// computes from the comment.
func TestFeaturesMatchExtract(t *testing.T) {
	m := New()
	comments := []Comment{
		{Content: "plain words and a link http://example.com/path?q=1 with a long tail aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", IP: "2001:DB8::1"},
		{Content: "Ünïcödé wörds, emoji 🙂 and broken \xff\xfe bytes\tand\r\nlines, 100% sure", Author: "Zoë", Email: "zoe@exämple.org"},
		{Content: `<p>HTML <a href='https://www.shop.example.co.uk/a'>anchor text</a></p> [link=http://x.example]bb[/link] [url]http://y.example[/url]`, URL: "shop.example"},
		{Content: strings.Repeat("spam spam lovely spam, wonderful spam ", 300)},
		{},
	}
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(corpus); i += 97 {
		comments = append(comments, corpus[i].Comment())
	}
	for i, c := range comments {
		e := newExtractor()
		e.extract(&c, false)
		s := parseSample(m.Features(c))
		for g := range e.groups {
			if !slices.Equal(s.groups[g], e.groups[g]) {
				t.Errorf("comment %d group %d: parsed %d features, extracted %d", i, g, len(s.groups[g]), len(e.groups[g]))
			}
		}
		keys := e.memoryKeys(c.IP, nil)
		slices.Sort(keys)
		slices.Sort(s.mem)
		if !slices.Equal(keys, s.mem) {
			t.Errorf("comment %d: memory keys %v, extracted %v", i, s.mem, keys)
		}
		if want := e.shingles >= minShingles; s.hasSig != want || want && s.sig != e.sig {
			t.Errorf("comment %d: signature differs", i)
		}
	}
}

func TestEscape(t *testing.T) {
	for _, s := range []string{"", "plain", "50%", "a b", "tab\there", "ü", "\xff\xfe", "%41", "\x00\x7f"} {
		e := escapeText([]byte(s))
		if strings.ContainsAny(e, " \t\n") {
			t.Errorf("escape(%q) = %q keeps white space", s, e)
		}
		if got := unescapeText(e); got != s {
			t.Errorf("unescape(escape(%q)) = %q", s, got)
		}
	}
}

// FuzzFeatures checks, for any input, that verdicts do not panic, that
// reasons are valid UTF-8 and that Features parses back to exactly the
// features the verdict path computes.
func FuzzFeatures(f *testing.F) {
	f.Add("Buy <a href=\"http://x.example\">now</a> [url=http://y.example]y[/url]", "A B", "a@b.example", "http://c.example")
	f.Add("<", "", "@", "://")
	f.Add("[url=", "x", "x@", "www.")
	f.Add("\xff\xfe http://\xff.example/ www.ü.example", "\xff", "\xff@\xfe", "http://\xff")
	f.Add(strings.Repeat("a", 5000), strings.Repeat("b ", 50), "c@d", "e")
	m := New()
	f.Fuzz(func(t *testing.T, content, author, email, url string) {
		c := Comment{Content: content, Author: author, Email: email, URL: url, IP: author}
		v := m.Check(c)
		for _, r := range v.Reasons {
			if !utf8.ValidString(r) {
				t.Errorf("reason %q is not valid UTF-8", r)
			}
		}
		feats := m.Features(c)
		for _, f := range feats {
			if !utf8.ValidString(f) || strings.ContainsAny(f, " \t\n") {
				t.Errorf("feature %q: not a clean token", f)
			}
		}
		e := newExtractor()
		e.extract(&c, false)
		s := parseSample(feats)
		for g := range e.groups {
			if !slices.Equal(s.groups[g], e.groups[g]) {
				t.Errorf("group %d: parsed %d features, extracted %d", g, len(s.groups[g]), len(e.groups[g]))
			}
		}
	})
}
