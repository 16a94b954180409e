package spam

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFeatures(t *testing.T) {
	m := New()
	c := Comment{
		Author:  "Cheap Pills",
		Email:   "Sales@Mail.Pharma.co.uk",
		URL:     "https://www.pharma-shop.example/home",
		Content: `Buy now! <a href="http://deals.pills.example/x">cheap pills</a> and [url=http://other.example]more[/url] 50% off`,
		IP:      "192.0.2.7",
	}
	got := m.Features(c)
	for _, want := range []string{
		"w:buy", "w:now", "w:50%25", // '%' and spaces are escaped
		"l:deals.pills.example", "l:pills.example", "l:other.example",
		"t:cheap", "t:pills", "t:more",
		"a:cheap", "n:cheap%20pills",
		"e:mail.pharma.co.uk", "e:pharma.co.uk",
		"u:pharma-shop.example",
		"m:links=2", "m:bbcode", "m:html", "m:excl=1",
		"c:buy%20",
		// The address and the IP are kept only as hashes.
		hashedFeature(kindSender, hashString("sales@mail.pharma.co.uk")),
		hashedFeature(kindIP, hashString("192.0.2.7")),
	} {
		if !slices.Contains(got, want) {
			t.Errorf("features lack %q", want)
		}
	}
	for _, f := range got {
		if strings.Contains(f, "sales@") || strings.Contains(f, "192.0.2.7") {
			t.Errorf("feature %q holds the address or IP in readable form", f)
		}
	}
	// Eight words make six shingles: too few for a signature.
	if slices.ContainsFunc(got, func(f string) bool { return strings.HasPrefix(f, "s:") }) {
		t.Error("a short text got a near-duplicate signature")
	}
}

func TestBaseDomain(t *testing.T) {
	tests := map[string]string{
		"example.com":        "example.com",
		"a.b.example.com":    "example.com",
		"shop.example.co.uk": "example.co.uk",
		"example.co.uk":      "example.co.uk",
		"www.bbc.co.uk":      "bbc.co.uk",
		"mail.example.de":    "example.de",
		"192.0.2.1":          "192.0.2.1",
		"localhost":          "localhost",
	}
	for host, want := range tests {
		if got := string(baseDomain([]byte(host))); got != want {
			t.Errorf("baseDomain(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestByteClass(t *testing.T) {
	for c := range 256 {
		ch := byte(c)
		letter := ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch >= 0x80
		word := letter || strings.IndexByte("$'-._@%&+", ch) >= 0
		trim := strings.IndexByte("'-._@&+", ch) >= 0
		host := letter || strings.IndexByte("-._", ch) >= 0
		if isWordByte(ch) != word || isTrimByte(ch) != trim || isHostByte(ch) != host {
			t.Errorf("byte %#x: word %v trim %v host %v", ch, isWordByte(ch), isTrimByte(ch), isHostByte(ch))
		}
	}
}

func TestAppendLower(t *testing.T) {
	r := &rng{s: 3}
	for range 200 {
		b := make([]byte, r.intn(40))
		for i := range b {
			b[i] = byte(r.intn(256))
		}
		var e extractor
		got := e.appendLower([]byte("x"), string(b))
		want := []byte("x")
		upper, letters := 0, 0
		for _, c := range b {
			switch {
			case c >= 'A' && c <= 'Z':
				upper++
				letters++
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z':
				letters++
			}
			want = append(want, c)
		}
		if !bytes.Equal(got, want) || e.upper != upper || e.letters != letters {
			t.Fatalf("appendLower(%q) = %q, %d, %d; want %q, %d, %d", b, got, e.upper, e.letters, want, upper, letters)
		}
	}
}

func TestMetaFeatures(t *testing.T) {
	m := New()
	tests := []struct {
		name string
		c    Comment
		want string
	}{
		{"script agent", Comment{IP: "192.0.2.1", UserAgent: "python-requests/2.31"}, "m:scriptagent"},
		{"no agent", Comment{IP: "192.0.2.1"}, "m:noagent"},
		{"no referrer", Comment{Permalink: "https://news.example/2024/03/story/"}, "m:noreferrer"},
		{"offsite referrer", Comment{Permalink: "https://news.example/a/", Referrer: "http://spam.example/"}, "m:offsitereferrer"},
		{"reply", Comment{ParentID: 12}, "m:reply"},
		{"pingback", Comment{Type: "pingback"}, "m:type=pingback"},
		{"old article", Comment{ArticleAge: 400 * 24 * time.Hour}, "m:agedays=365"},
		{"shouting", Comment{Content: "BUY CHEAP WATCHES NOW FROM OUR STORE TODAY"}, "m:caps=10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Features(tt.c); !slices.Contains(got, tt.want) {
				t.Errorf("features %q lack %q", got, tt.want)
			}
		})
	}
	// The same referrer host as the article is no evidence.
	got := m.Features(Comment{Permalink: "https://news.example/a/", Referrer: "https://www.news.example/a/"})
	if slices.ContainsFunc(got, func(f string) bool { return strings.Contains(f, "referrer") }) {
		t.Errorf("features %q mark an on-site referrer", got)
	}
}
