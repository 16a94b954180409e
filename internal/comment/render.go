package comment

import (
	"html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RenderText turns a comment's plain text into HTML: everything escaped, so
// a reader's markup shows as text; a blank line starts a paragraph, a single
// newline becomes <br>; http(s) and www. addresses become links marked
// rel="ugc nofollow noopener". Nothing in the text can add markup of its own.
func RenderText(text string) template.HTML {
	var b strings.Builder
	for _, para := range paragraphs(text) {
		b.WriteString("<p>")
		for i, line := range para {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			writeLinked(&b, line)
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

// paragraphs groups the lines of text into paragraphs at blank lines.
func paragraphs(text string) [][]string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var (
		out   [][]string
		cur   []string
		flush = func() {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
		}
	)
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimRightFunc(line, unicode.IsSpace))
	}
	flush()
	return out
}

// writeLinked writes one line, escaped, with its URLs as links.
func writeLinked(b *strings.Builder, line string) {
	last := 0
	for _, span := range findURLs(line) {
		raw := line[span[0]:span[1]]
		href := raw
		if !hasPrefixFold(raw, "http") {
			href = "http://" + raw
		}
		if !validURL(href) {
			continue // stays text, escaped below
		}
		b.WriteString(html.EscapeString(line[last:span[0]]))
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(href))
		b.WriteString(`" rel="ugc nofollow noopener">`)
		b.WriteString(html.EscapeString(raw))
		b.WriteString("</a>")
		last = span[1]
	}
	b.WriteString(html.EscapeString(line[last:]))
}

// findURLs returns the byte spans of the web addresses in s: runs starting
// with http://, https:// or www. at a word start, up to whitespace or a
// character that cannot be part of a URL, without trailing punctuation or
// an unbalanced closing bracket (so "(see https://x.org/a)." links only the
// address).
func findURLs(s string) [][2]int {
	var spans [][2]int
	for i := 0; i < len(s); {
		n := 0
		switch {
		case hasPrefixFold(s[i:], "https://"):
			n = len("https://")
		case hasPrefixFold(s[i:], "http://"):
			n = len("http://")
		case hasPrefixFold(s[i:], "www."):
			n = len("www.")
		}
		if n == 0 || (i > 0 && wordByte(s[i-1])) {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		end := i + n
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) || r == utf8.RuneError || strings.ContainsRune("<>\"'`{}|\\^", r) {
				break
			}
			end += size
		}
		end = trimURLEnd(s[i:end]) + i
		if end-i > n {
			spans = append(spans, [2]int{i, end})
		}
		i = max(end, i+n)
	}
	return spans
}

// trimURLEnd drops sentence punctuation and unmatched closing brackets from
// the end of a URL candidate and returns its new length.
func trimURLEnd(u string) int {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?*", c) >= 0:
		case c == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case c == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		default:
			return len(u)
		}
		u = u[:len(u)-1]
	}
	return 0
}

func wordByte(c byte) bool {
	return c == '_' || c == '/' || c == '@' || c == '.' || c == '-' ||
		('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
