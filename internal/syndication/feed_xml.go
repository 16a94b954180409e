package syndication

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// maxXMLDepth bounds element nesting. Real feeds nest a dozen levels deep;
// gofeed reads extension elements recursively, so a feed of millions of
// nested tags would otherwise exhaust the stack, which Go cannot recover.
const maxXMLDepth = 512

// newXMLDecoder returns a decoder for feed XML: strict, with HTML's named
// entities (feeds use &nbsp; and friends freely) and any encoding the
// document declares.
func newXMLDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// checkXML makes sure data is one well-formed document before gofeed, which
// is lenient by design and would return whatever it could make of a
// truncated or broken feed, reads it. It also refuses entity declarations,
// the vehicle of "billion laughs" attacks, and invalid UTF-8.
func checkXML(data []byte) error {
	if enc := declaredEncoding(data); enc == "" || enc == "utf-8" || enc == "utf8" {
		if !utf8.Valid(data) {
			at := invalidUTF8At(data)
			return malformed(fmt.Errorf("invalid UTF-8 at byte %d (line %d)", at, lineAt(data, at)), data[:at])
		}
	}
	d := newXMLDecoder(data)
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return malformed(errors.New("unexpected end of document"), prefix(data, d.InputOffset()))
			}
			return nil
		}
		if err != nil {
			return malformed(err, prefix(data, d.InputOffset()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return malformed(fmt.Errorf("elements nested more than %d deep", maxXMLDepth), prefix(data, d.InputOffset()))
			}
		case xml.EndElement:
			depth--
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("<!ENTITY")) {
				return fmt.Errorf("%w: the document declares XML entities, which feeds have no use for (refused as a possible entity-expansion attack)", ErrMalformed)
			}
		}
	}
}

// malformed wraps err as ErrMalformed, naming the entry it occurred in when
// there is one. read is the document up to where the problem was found.
func malformed(err error, read []byte) error {
	if n, title := lastEntryIn(read); n > 0 {
		return fmt.Errorf("%w: %w", ErrMalformed, &EntryError{Index: n, Title: title, Err: err})
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// lastEntryIn counts the <entry> or <item> start tags in a document prefix
// and returns the last one's number and, if it was read, its title. It is a
// byte scan, not a parse, because the document it looks at is broken; it is
// only used to make error messages more helpful.
func lastEntryIn(read []byte) (int, string) {
	n, last := 0, -1
	for i := 0; i < len(read); i++ {
		if read[i] != '<' {
			continue
		}
		rest := read[i+1:]
		if k := bytes.IndexAny(rest, " \t\r\n>/"); k > 0 {
			name := rest[:k]
			if j := bytes.LastIndexByte(name, ':'); j >= 0 {
				name = name[j+1:]
			}
			if string(name) == "entry" || string(name) == "item" {
				n++
				last = i
			}
		}
	}
	if n == 0 {
		return 0, ""
	}
	return n, titleIn(read[last:])
}

// titleIn returns the text of the first <title> in an entry's bytes, if it
// is complete and plain.
func titleIn(entry []byte) string {
	start := bytes.Index(entry, []byte("<title"))
	if start < 0 {
		return ""
	}
	open := bytes.IndexByte(entry[start:], '>')
	if open < 0 {
		return ""
	}
	body := entry[start+open+1:]
	end := bytes.Index(body, []byte("</title>"))
	if end < 0 {
		return ""
	}
	t := string(body[:end])
	t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(t), "<![CDATA["), "]]>")
	if !utf8.ValidString(t) || strings.ContainsAny(t, "<&") {
		return ""
	}
	return strings.TrimSpace(t)
}

// declaredEncoding returns the lower-cased encoding from the XML
// declaration, or "" if there is none.
func declaredEncoding(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	val, _, _ := strings.Cut(rest[1:], rest[:1])
	return strings.ToLower(strings.TrimSpace(val))
}

// invalidUTF8At returns the offset of the first byte that is not valid
// UTF-8; data must contain one.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// prefix is data up to offset, which the decoder reports in decoded bytes
// and may therefore overshoot for documents in single-byte encodings.
func prefix(data []byte, offset int64) []byte {
	return data[:min(max(offset, 0), int64(len(data)))]
}

func lineAt(data []byte, offset int) int {
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}
