package syndication

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Errors ParseFeed and ReadLimited wrap; test with errors.Is.
var (
	ErrNotFeed     = errors.New("not an RSS, Atom or JSON feed")
	ErrTooLarge    = errors.New("feed too large")
	ErrMalformed   = errors.New("malformed feed")
	ErrNoID        = errors.New("no id")
	ErrNoTitle     = errors.New("no title")
	ErrDuplicateID = errors.New("duplicate id")
)

// EntryError says which entry made a feed unusable: entry 3 ("Some
// title"): no id. Index counts from 1, in document order; the entry is
// named by its title, or by its id when it has no title.
type EntryError struct {
	Index int
	Title string
	ID    string
	Err   error
}

func (e *EntryError) Error() string {
	switch {
	case e.Title != "":
		return fmt.Sprintf("entry %d (%q): %v", e.Index, shorten(e.Title, 80), e.Err)
	case e.ID != "":
		return fmt.Sprintf("entry %d (id %q): %v", e.Index, shorten(e.ID, 80), e.Err)
	}
	return fmt.Sprintf("entry %d: %v", e.Index, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// notFeed explains what the bytes are instead of a feed, for the editor who
// pasted a site's address rather than its feed's.
func notFeed(data []byte) error {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return fmt.Errorf("%w: the document is empty", ErrNotFeed)
	case bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")):
		return fmt.Errorf("%w: this is an HTML page (look for its feed link)", ErrNotFeed)
	}
	return fmt.Errorf("%w: no <rss>, <feed>, <rdf:RDF> or JSON Feed object at the start", ErrNotFeed)
}
