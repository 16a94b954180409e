package spam

// Markup: HTML and BBCode tags in a comment, read for the links they carry.

import (
	"bytes"
)

// tag skips an HTML tag at buf[i], noting links and anchors. It returns i
// when buf[i:] is no tag.
func (e *extractor) tag(i, hi int) int {
	b := e.buf[:hi]
	if i+2 >= hi {
		return i
	}
	if n := b[i+1]; !(n >= 'a' && n <= 'z' || n == '/' || n == '!') {
		return i
	}
	gt := bytes.IndexByte(b[i+1:min(hi, i+maxTag)], '>')
	if gt < 0 {
		return i
	}
	gt += i + 1
	e.html = true
	t := b[i+1 : gt]
	switch {
	case hasPrefix(t, "/a") && (len(t) == 2 || t[2] == ' '):
		e.anchor = false
	case len(t) > 2 && t[0] == 'a' && (t[1] == ' ' || t[1] == '\n'):
		if k := indexString(t, "href="); k >= 0 {
			v := i + 1 + k + len("href=")
			if v < gt && (b[v] == '"' || b[v] == '\'') {
				v++
			}
			if hl, hh, ok := parseURL(b[:gt], v); ok {
				e.addLink(hl, hh)
				e.anchors++
			}
		}
		e.anchor = true
	}
	return gt + 1
}

// bbTag handles [url=…], [url], [link=…] and their closing tags. It
// returns i when buf[i:] is no such tag.
func (e *extractor) bbTag(i, hi int) int {
	b := e.buf[i:hi]
	k := 1
	closing := len(b) > 1 && b[1] == '/'
	if closing {
		k = 2
	}
	switch {
	case hasPrefix(b[k:], "url"):
		k += 3
	case hasPrefix(b[k:], "link"):
		k += 4
	default:
		return i
	}
	if k >= len(b) || b[k] != ']' && (closing || b[k] != '=') {
		return i
	}
	if closing {
		e.anchor = false
		return i + k + 1
	}
	e.bbcode = true
	if b[k] == ']' {
		return i + k + 1 // [url]http://…[/url]: the URL follows as text
	}
	v := k + 1
	if v < len(b) && (b[v] == '"' || b[v] == '\'') {
		v++
	}
	if hl, hh, ok := parseURL(e.buf[:hi], i+v); ok {
		e.addLink(hl, hh)
		e.anchors++
	}
	if v < len(b) {
		if j := bytes.IndexByte(b[v:min(len(b), maxTag)], ']'); j >= 0 {
			e.anchor = true
			return i + v + j + 1
		}
	}
	return i + v
}

func indexString(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}
