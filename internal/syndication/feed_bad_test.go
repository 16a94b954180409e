package syndication

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestBadFeeds(t *testing.T) {
	deep := "<rss version=\"2.0\"><channel><title>x</title><item><guid>1</guid><title>t</title>" +
		strings.Repeat("<x:a xmlns:x=\"urn:x\">", 100000) + strings.Repeat("</x:a>", 100000) +
		"</item></channel></rss>"
	tests := []struct {
		name string
		data []byte
		is   error
		msg  string // the whole message, as an editor would read it
	}{
		{"HTML page", file(t, "bad/html-page.html"), ErrNotFeed,
			"not an RSS, Atom or JSON feed: this is an HTML page (look for its feed link)"},
		{"empty", []byte(" \n"), ErrNotFeed, "not an RSS, Atom or JSON feed: the document is empty"},
		{"plain text", []byte("hello, world"), ErrNotFeed,
			"not an RSS, Atom or JSON feed: no <rss>, <feed>, <rdf:RDF> or JSON Feed object at the start"},
		{"other XML", []byte(`<?xml version="1.0"?><urlset><url/></urlset>`), ErrNotFeed,
			"not an RSS, Atom or JSON feed: no <rss>, <feed>, <rdf:RDF> or JSON Feed object at the start"},
		{"JSON that is not a JSON Feed", file(t, "bad/not-jsonfeed.json"), ErrNotFeed,
			`not an RSS, Atom or JSON feed: a JSON document, but its version is "", not a JSON Feed version URL`},
		{"truncated Atom", file(t, "bad/truncated.atom"), ErrMalformed,
			`malformed feed: entry 1 ("Why would Islamic State attack Russia and what does this mean for the terrorism…"): XML syntax error on line 33: unexpected EOF`},
		{"mismatched tags", file(t, "bad/mismatched-tags.rss"), ErrMalformed,
			`malformed feed: entry 2 ("Broken item"): XML syntax error on line 4: element <description> closed by </channel>`},
		{"truncated JSON", file(t, "bad/truncated.json"), ErrMalformed, "malformed feed: unexpected end of JSON input"},
		{"invalid UTF-8", file(t, "bad/invalid-utf8.rss"), ErrMalformed,
			"malformed feed: entry 1: invalid UTF-8 at byte 153 (line 3)"},
		{"invalid UTF-8 in JSON", []byte("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"title\":\"caf\xe9\"}]}"),
			ErrMalformed, "malformed feed: invalid UTF-8 at byte 77"},
		{"billion laughs", file(t, "bad/billion-laughs.rss"), ErrMalformed,
			"malformed feed: the document declares XML entities, which feeds have no use for (refused as a possible entity-expansion attack)"},
		{"unknown encoding", file(t, "bad/unknown-encoding.rss"), ErrMalformed,
			`malformed feed: it declares the character encoding "x-klingon", which masthead cannot read`},
		{"nested too deep", []byte(deep), ErrMalformed,
			`malformed feed: entry 1 ("t"): elements nested more than 512 deep`},
		{"JSON null item", []byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"a"},null]}`),
			ErrMalformed, "malformed feed: entry 2: item is null"},
		{"entry without id", file(t, "bad/no-id.atom"), ErrNoID, `entry 3 ("Some title"): no id`},
		{"RSS item without guid or link", []byte(`<rss version="2.0"><channel><item><title>Lonely</title></item></channel></rss>`),
			ErrNoID, `entry 1 ("Lonely"): no id`},
		{"entry without title", file(t, "bad/no-title.rss"), ErrNoTitle, `entry 2 (id "b"): no title`},
		{"JSON item without title", []byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"x","content_text":"hi"}]}`),
			ErrNoTitle, `entry 1 (id "x"): no title`},
		{"duplicate id", file(t, "bad/duplicate-id.rss"), ErrDuplicateID, `entry 3 ("Three"): duplicate id "same" (also entry 1)`},
		{"too large", bytes.Repeat([]byte(" "), MaxFeedBytes+1), ErrTooLarge,
			"feed too large: 20971521 bytes, the limit is 20971520"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed(tt.data, "https://example.org/feed")
			if err == nil {
				t.Fatalf("ParseFeed succeeded with %d entries; want an error", len(f.Entries))
			}
			if f != nil {
				t.Errorf("ParseFeed returned a feed beside the error; a bad feed must be rejected whole")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", err, tt.is)
			}
			if err.Error() != tt.msg {
				t.Errorf("error message\n got %s\nwant %s", err, tt.msg)
			}
		})
	}
}

// Entry errors carry the entry's number, so an admin page can point at it.
func TestEntryErrorFields(t *testing.T) {
	_, err := ParseFeed(file(t, "bad/no-id.atom"), "")
	var ee *EntryError
	if !errors.As(err, &ee) {
		t.Fatalf("error %v is not an *EntryError", err)
	}
	check(t, "Index", ee.Index, 3)
	check(t, "Title", ee.Title, "Some title")
}

func TestReadLimited(t *testing.T) {
	data, err := ReadLimited(strings.NewReader("<rss/>"))
	if err != nil || string(data) != "<rss/>" {
		t.Errorf("ReadLimited(small) = %q, %v", data, err)
	}
	exact, err := ReadLimited(bytes.NewReader(make([]byte, MaxFeedBytes)))
	if err != nil || len(exact) != MaxFeedBytes {
		t.Errorf("ReadLimited(MaxFeedBytes) = %d bytes, %v; want all of them", len(exact), err)
	}
	_, err = ReadLimited(bytes.NewReader(make([]byte, MaxFeedBytes+1)))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadLimited(MaxFeedBytes+1) error = %v, want ErrTooLarge", err)
	}
	_, err = ReadLimited(failingReader{})
	if err == nil || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("ReadLimited(failing) error = %v, want the reader's error", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func file(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
