package akismet

import (
	"hash/maphash"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"masthead/internal/spam"
)

// params are the Akismet parameters of one call. Parameters not listed
// (comment_context[], recheck_reason's details, server variables such as
// HTTP_ACCEPT that Akismet invites clients to send) are accepted and
// ignored.
type params struct {
	key          string // "key" or "api_key"; empty: take it from the Host
	blog         string
	userIP       string
	userAgent    string
	referrer     string
	permalink    string
	commentType  string
	author       string
	email        string
	url          string
	content      string
	dateGMT      string
	modifiedGMT  string
	blogLang     string
	blogCharset  string
	userRole     string
	isTestRaw    string
	isTest       bool
	recheck      string
	honeypotName string
	honeypot     string

	// key-sites
	month, filter, format, order string
	limit, offset                string
}

// field returns the parameter named name, or nil for a parameter the API
// does not use.
func (p *params) field(name []byte) *string {
	switch string(name) {
	case "key", "api_key":
		return &p.key
	case "blog":
		return &p.blog
	case "user_ip":
		return &p.userIP
	case "user_agent":
		return &p.userAgent
	case "referrer":
		return &p.referrer
	case "permalink":
		return &p.permalink
	case "comment_type":
		return &p.commentType
	case "comment_author":
		return &p.author
	case "comment_author_email":
		return &p.email
	case "comment_author_url":
		return &p.url
	case "comment_content":
		return &p.content
	case "comment_date_gmt":
		return &p.dateGMT
	case "comment_post_modified_gmt":
		return &p.modifiedGMT
	case "blog_lang":
		return &p.blogLang
	case "blog_charset":
		return &p.blogCharset
	case "user_role":
		return &p.userRole
	case "is_test":
		return &p.isTestRaw
	case "recheck_reason":
		return &p.recheck
	case "honeypot_field_name":
		return &p.honeypotName
	case "month":
		return &p.month
	case "filter":
		return &p.filter
	case "format":
		return &p.format
	case "order":
		return &p.order
	case "limit":
		return &p.limit
	case "offset":
		return &p.offset
	}
	return nil
}

// finish resolves what needs the whole request: is_test's meaning, the
// honeypot field (which honeypot_field_name names; lookup finds any field
// by name), and text that is not UTF-8.
func (p *params) finish(r *http.Request, lookup func(name string) string) {
	p.isTest = p.isTestRaw != "" && p.isTestRaw != "0" && !strings.EqualFold(p.isTestRaw, "false")
	if p.honeypotName != "" {
		p.honeypot = lookup(p.honeypotName)
	}
	charset := p.blogCharset
	if charset == "" {
		charset = contentTypeCharset(r.Header.Get("Content-Type"))
	}
	for _, s := range []*string{&p.author, &p.email, &p.url, &p.content, &p.userAgent,
		&p.referrer, &p.permalink, &p.blog, &p.userRole, &p.commentType, &p.honeypot} {
		*s = toUTF8(*s, charset)
	}
}

// toUTF8 returns s as valid UTF-8: decoded from the client's declared
// charset when it is not UTF-8, with invalid bytes replaced otherwise.
func toUTF8(s, charset string) string {
	if utf8.ValidString(s) {
		return s
	}
	if charset != "" && !strings.EqualFold(charset, "utf-8") && !strings.EqualFold(charset, "utf8") {
		if enc, err := htmlindex.Get(charset); err == nil {
			if d, err := enc.NewDecoder().String(s); err == nil && utf8.ValidString(d) {
				return d
			}
		}
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// comment is what the filter sees of the call.
func (p *params) comment(now time.Time) spam.Comment {
	return spam.Comment{
		Author:     p.author,
		Email:      p.email,
		URL:        p.url,
		Content:    p.content,
		IP:         p.userIP,
		UserAgent:  p.userAgent,
		Referrer:   p.referrer,
		Permalink:  p.permalink,
		Type:       p.commentType,
		UserRole:   p.userRole,
		ArticleAge: articleAge(p.modifiedGMT, p.dateGMT, now),
		Honeypot:   p.honeypot,
	}
}

// articleAge is how old the article was when the comment was written:
// from comment_post_modified_gmt to comment_date_gmt, or to now when the
// comment's date is not given. Unknown or nonsensical dates give 0.
func articleAge(modified, commented string, now time.Time) time.Duration {
	m, ok := parseGMT(modified)
	if !ok {
		return 0
	}
	at := now
	if c, ok := parseGMT(commented); ok {
		at = c
	}
	if age := at.Sub(m); age > 0 {
		return age
	}
	return 0
}

// parseGMT reads the dates clients send: ISO 8601 (with or without a zone,
// 'T' or a space) or Unix seconds.
func parseGMT(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return time.Unix(n, 0), true
	}
	return time.Time{}, false
}

// identity hashes what identifies a comment across calls (key, author,
// e-mail, content), so submit-spam can find what comment-check said.
func (h *Handler) identity(key string, p *params) uint64 {
	var m maphash.Hash
	m.SetSeed(h.seed)
	for _, s := range []string{key, p.author, p.email, p.content} {
		m.WriteString(s)
		m.WriteByte(0)
	}
	return m.Sum64()
}
