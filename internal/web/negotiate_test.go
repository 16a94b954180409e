package web

import "testing"

func TestAcceptsGzip(t *testing.T) {
	cases := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"gzip, deflate, br"}, true},
		{[]string{"br", "GZIP"}, true},
		{[]string{"br;q=1.0, gzip;q=0.8, *;q=0.1"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip;q=0.001"}, true},
		{[]string{"*"}, true},
		{[]string{"identity"}, false},
		{[]string{"x-gzip"}, true},
		{[]string{"gzipper"}, false},
	}
	for _, c := range cases {
		if got := acceptsGzip(c.header); got != c.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}

func TestETagListed(t *testing.T) {
	const tag = `"abc"`
	cases := []struct {
		header []string
		want   bool
	}{
		{[]string{`"abc"`}, true},
		{[]string{`W/"abc"`}, true},
		{[]string{`"x", "abc"`}, true},
		{[]string{`"x"`, `"abc"`}, true},
		{[]string{"*"}, true},
		{[]string{`"abcd"`}, false},
		{[]string{`abc`}, false},
		{[]string{""}, false},
	}
	for _, c := range cases {
		if got := etagListed(c.header, tag); got != c.want {
			t.Errorf("etagListed(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}
