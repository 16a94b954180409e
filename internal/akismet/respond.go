package akismet

import (
	"io"
	"net/http"
	"strings"
)

// Header names as Akismet spells them; Go would canonicalize them, and
// some clients compare case-sensitively.
const (
	hdrDebugHelp = "X-akismet-debug-help"
	hdrProTip    = "X-akismet-pro-tip"
	hdrGUID      = "X-akismet-guid"
	hdrReasons   = "X-masthead-reasons" // our extension: why, for moderators
)

// Bodies Akismet answers with.
const (
	bodyInvalid   = "invalid"
	bodyThanks    = "Thanks for making the web a better place."
	bodyThrottled = "throttled"
)

// maxReasonsHeader caps the reasons header; reasons are short phrases.
const maxReasonsHeader = 1024

// headerValues are shared, never-modified header value slices, so the hot
// path does not allocate them per response.
type headerValues struct {
	text, json, csv, discard []string
}

func newHeaderValues() headerValues {
	return headerValues{
		text:    []string{"text/plain; charset=utf-8"},
		json:    []string{"application/json; charset=utf-8"},
		csv:     []string{"text/csv; charset=utf-8"},
		discard: []string{"discard"},
	}
}

// endpoint is one API call, given its parsed parameters.
type endpoint func(w http.ResponseWriter, r *http.Request, p *params)

// guard reads the parameters and calls e, and makes sure that whatever
// happens the client gets an Akismet answer, never a 5xx: Akismet clients
// treat anything else as an outage.
func (h *Handler) guard(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.log.Error("akismet: handler panicked", "path", r.URL.Path, "panic", v)
				h.invalid(w, "Internal error; please retry later.")
			}
		}()
		var p params
		tooLarge, ok := h.readParams(r, &p)
		switch {
		case tooLarge:
			h.invalid(w, "The request body is larger than 2 MB.")
			return
		case !ok:
			h.invalid(w, "The request body could not be read.")
			return
		}
		e(w, r, &p)
	})
}

// text answers 200 with a plain-text body, as Akismet does for every call.
func (h *Handler) text(w http.ResponseWriter, body string) {
	w.Header()["Content-Type"] = h.headers.text
	io.WriteString(w, body)
}

// invalid is Akismet's error answer: "invalid", and why in a header.
func (h *Handler) invalid(w http.ResponseWriter, help string) {
	w.Header()[hdrDebugHelp] = []string{help}
	h.text(w, bodyInvalid)
}

// reasonsHeader joins the verdict's reasons for a header: the commenter's
// e-mail never appears in it (the site sending us the comment is told
// nothing it should not publish), nor does anything but printable ASCII.
func reasonsHeader(reasons []string, email string) string {
	var b strings.Builder
	for _, r := range reasons {
		r = redactEmail(r, email)
		if r == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		for i := 0; i < len(r); i++ {
			c := r[i]
			if c < 0x20 || c > 0x7e || c == ';' {
				c = '?'
			}
			b.WriteByte(c)
		}
		if b.Len() >= maxReasonsHeader {
			return b.String()[:maxReasonsHeader]
		}
	}
	return b.String()
}

// redactEmail replaces the address, and any word that looks like an
// e-mail address, with "[email]".
func redactEmail(s, email string) string {
	if email != "" {
		for {
			i := indexASCIIFold(s, email)
			if i < 0 {
				break
			}
			s = s[:i] + "[email]" + s[i+len(email):]
		}
	}
	if !strings.Contains(s, "@") {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		if strings.Contains(w, "@") {
			words[i] = "[email]"
		}
	}
	return strings.Join(words, " ")
}

// indexASCIIFold is strings.Index ignoring ASCII case. Unlike lowering
// both strings first, it keeps byte offsets valid for any input.
func indexASCIIFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerASCII(s[i+j]) == lowerASCII(sub[j]) {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
