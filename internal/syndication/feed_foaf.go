package syndication

import (
	"encoding/xml"
	"errors"
	"io"
)

const (
	atom10NS = "http://www.w3.org/2005/Atom"
	atom03NS = "http://purl.org/atom/ns#"
	foafNS   = "http://xmlns.com/foaf/0.1/"
	rdfNS    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
)

// homepages holds the <foaf:homepage rdf:resource="…"/> of each Atom author,
// in document order: feed[j] for the feed's j-th author, entries[i][j] for
// the j-th author of the i-th entry ("" where an author has none).
type homepages struct {
	feed    []string
	entries [][]string
}

// atomHomepages reads the authors' foaf:homepage links, which The
// Conversation uses for author profiles. gofeed takes <foaf:homepage> for an
// Atom <uri> and reads its (empty) text, losing the rdf:resource attribute,
// so this small pass recovers them. data has passed checkXML.
func atomHomepages(data []byte) (homepages, error) {
	var (
		hp    homepages
		stack []xml.Name
	)
	d := newXMLDecoder(data)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return hp, nil
		}
		if err != nil {
			return hp, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name)
			switch {
			case len(stack) == 2 && isAtom(t.Name, "entry"):
				hp.entries = append(hp.entries, nil)
			case len(stack) == 2 && isAtom(t.Name, "author"):
				hp.feed = append(hp.feed, "")
			case len(stack) == 3 && isAtom(stack[1], "entry") && isAtom(t.Name, "author"):
				last := len(hp.entries) - 1
				hp.entries[last] = append(hp.entries[last], "")
			case t.Name.Space == foafNS && t.Name.Local == "homepage" && len(stack) >= 3:
				set(&hp, stack, rdfResource(t))
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// set records a homepage found at the top of stack, if it sits directly in
// a feed or entry author.
func set(hp *homepages, stack []xml.Name, url string) {
	n := len(stack)
	if !isAtom(stack[n-2], "author") {
		return
	}
	switch {
	case n == 3 && len(hp.feed) > 0:
		hp.feed[len(hp.feed)-1] = url
	case n == 4 && isAtom(stack[1], "entry") && len(hp.entries) > 0:
		authors := hp.entries[len(hp.entries)-1]
		if len(authors) > 0 {
			authors[len(authors)-1] = url
		}
	}
}

func rdfResource(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "resource" && (a.Name.Space == rdfNS || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// isAtom reports whether n is the Atom element local, matching the
// namespaces gofeed treats as Atom's so both passes count the same entries.
func isAtom(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == atom10NS || n.Space == atom03NS || n.Space == "")
}

// entry returns the homepage of author j of entry i, or "".
func (hp homepages) entry(i, j int) string {
	if i < len(hp.entries) && j < len(hp.entries[i]) {
		return hp.entries[i][j]
	}
	return ""
}

// feedAuthor returns the homepage of the feed's author j, or "".
func (hp homepages) feedAuthor(j int) string {
	if j < len(hp.feed) {
		return hp.feed[j]
	}
	return ""
}
