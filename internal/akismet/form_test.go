package akismet

import (
	"net/url"
	"testing"
)

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"plain":            "plain",
		"a+b":              "a b",
		"caf%C3%A9":        "café",
		"%41%42%43":        "ABC",
		"100%":             "100%",
		"%zz%4":            "%zz%4",
		"%%41":             "%A",
		"a%2Bb%26c%3Dd":    "a+b&c=d",
		"+++":              "   ",
		"%e2%82%ac+%E2%82": "€ \xe2\x82",
	} {
		if got := unescape([]byte(in)); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
		// Where net/url can decode it, we agree with net/url.
		if ref, err := url.QueryUnescape(in); err == nil && ref != unescape([]byte(in)) {
			t.Errorf("unescape(%q) = %q, net/url says %q", in, unescape([]byte(in)), ref)
		}
	}
}

func FuzzUnescape(f *testing.F) {
	for _, s := range []string{"a+b", "caf%C3%A9", "%zz", "100%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := unescape([]byte(in))
		if ref, err := url.QueryUnescape(in); err == nil && ref != got {
			t.Errorf("unescape(%q) = %q, net/url says %q", in, got, ref)
		}
	})
}

func TestContentTypeCharset(t *testing.T) {
	for ct, want := range map[string]string{
		"application/x-www-form-urlencoded; charset=UTF-8": "UTF-8",
		"charset=utf-8":                     "utf-8",
		`text/plain; CHARSET="iso-8859-1"`:  "iso-8859-1",
		"application/x-www-form-urlencoded": "",
		"İİİİ; charset=latin1; boundary=x":  "latin1",
		"":                                  "",
	} {
		if got := contentTypeCharset(ct); got != want {
			t.Errorf("contentTypeCharset(%q) = %q, want %q", ct, got, want)
		}
	}
}
