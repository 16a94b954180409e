package akismet

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
)

// maxBody caps a request body: room for a 1 MB comment and the other
// fields, with slack for percent-encoding. Past it the call is answered
// "invalid"; the model reads only the start of a comment anyway.
const maxBody = 2 << 20

// pooledBufferCap is the largest body buffer kept for reuse, so one huge
// request does not pin megabytes for good.
const pooledBufferCap = 64 << 10

// readParams reads the query string and the body into p, body values
// winning. Clients send the body as application/x-www-form-urlencoded
// with or without a charset, and some (node's akismet) send only
// "charset=utf-8" as the content type, so any body that is not
// multipart/form-data is parsed as a form. It reports tooLarge for a body
// over maxBody, and !ok when the body could not be read.
func (h *Handler) readParams(r *http.Request, p *params) (tooLarge bool, ok bool) {
	query := []byte(r.URL.RawQuery)
	parseForm(query, p)
	if r.Body == nil || r.Body == http.NoBody {
		p.finish(r, func(name string) string { return lookupForm(query, name) })
		return false, true
	}
	if ct := r.Header.Get("Content-Type"); len(ct) >= 19 && strings.EqualFold(ct[:19], "multipart/form-data") {
		return h.readMultipart(r, p, query)
	}
	buf := h.bufs.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= pooledBufferCap {
			buf.Reset()
			h.bufs.Put(buf)
		}
	}()
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(r.Body, maxBody+1)); err != nil {
		return false, false
	}
	if buf.Len() > maxBody {
		return true, false
	}
	body := buf.Bytes()
	parseForm(body, p)
	p.finish(r, func(name string) string {
		if v := lookupForm(body, name); v != "" {
			return v
		}
		return lookupForm(query, name)
	})
	return false, true
}

// readMultipart reads a multipart/form-data body, as PHP's curl sends
// when given an array of fields.
func (h *Handler) readMultipart(r *http.Request, p *params, query []byte) (tooLarge bool, ok bool) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
	if err := r.ParseMultipartForm(maxBody); err != nil {
		var tooBig *http.MaxBytesError
		return errors.As(err, &tooBig), false
	}
	defer r.MultipartForm.RemoveAll()
	for name, vs := range r.MultipartForm.Value {
		if f := p.field([]byte(name)); f != nil && len(vs) > 0 {
			*f = vs[0]
		}
	}
	p.finish(r, func(name string) string {
		if vs := r.MultipartForm.Value[name]; len(vs) > 0 && vs[0] != "" {
			return vs[0]
		}
		return lookupForm(query, name)
	})
	return false, true
}

// parseForm sets p's parameters from a form-encoded string. Malformed
// escapes are kept as they are rather than failing the call.
func parseForm(data []byte, p *params) {
	for len(data) > 0 {
		var pair []byte
		if i := bytes.IndexByte(data, '&'); i >= 0 {
			pair, data = data[:i], data[i+1:]
		} else {
			pair, data = data, nil
		}
		if len(pair) == 0 {
			continue
		}
		name, value, _ := bytes.Cut(pair, []byte{'='})
		if bytes.IndexByte(name, '%') >= 0 || bytes.IndexByte(name, '+') >= 0 {
			name = []byte(unescape(name))
		}
		if f := p.field(name); f != nil {
			*f = unescape(value)
		}
	}
}

// lookupForm returns the value of the first pair named name, for fields
// whose name is only known at run time (the honeypot).
func lookupForm(data []byte, name string) string {
	for len(data) > 0 {
		var pair []byte
		if i := bytes.IndexByte(data, '&'); i >= 0 {
			pair, data = data[:i], data[i+1:]
		} else {
			pair, data = data, nil
		}
		n, value, _ := bytes.Cut(pair, []byte{'='})
		if unescape(n) == name {
			return unescape(value)
		}
	}
	return ""
}

// unescape decodes a form-encoded value: '+' is a space and %XX a byte.
// It copies runs of plain bytes at once and builds the string in place,
// as comment contents are long and every call decodes one.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '%') < 0 && bytes.IndexByte(b, '+') < 0 {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '+' && b[i] != '%' {
			i++
		}
		sb.Write(b[:i])
		switch {
		case i == len(b):
			b = nil
		case b[i] == '+':
			sb.WriteByte(' ')
			b = b[i+1:]
		case i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			sb.WriteByte(unhex(b[i+1])<<4 | unhex(b[i+2]))
			b = b[i+3:]
		default: // a malformed escape stays as it came
			sb.WriteByte('%')
			b = b[i+1:]
		}
	}
	return sb.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// contentTypeCharset returns the charset parameter of a Content-Type
// header, if any, however malformed the rest of it.
func contentTypeCharset(ct string) string {
	i := indexASCIIFold(ct, "charset=")
	if i < 0 {
		return ""
	}
	cs := ct[i+len("charset="):]
	if j := strings.IndexAny(cs, "; "); j >= 0 {
		cs = cs[:j]
	}
	return strings.Trim(cs, `"`)
}
