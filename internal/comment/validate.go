package comment

import (
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on field lengths, in characters, as WordPress's database columns.
const (
	MaxAuthor  = 245
	MaxEmail   = 100
	MaxURL     = 200
	MaxContent = 65525
)

// Validate checks a comment as submitted against the required fields and
// WordPress's limits. It returns every problem, one per field at most, with a
// message fit to show beside the field; none means the input is acceptable.
// Lengths are checked on the input as Normalize will store it.
func Validate(in Input, s Settings) []FieldError {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{field, msg}) }

	if !utf8.ValidString(in.Content) {
		add("comment", "Your comment contains characters that are not allowed.")
	} else if c := cleanContent(in.Content); strings.TrimSpace(c) == "" {
		add("comment", "Please type your comment.")
	} else if utf8.RuneCountInString(c) > MaxContent {
		add("comment", "Your comment is too long (65,525 characters at most).")
	}

	switch author := strings.TrimSpace(in.Author); {
	case !lineOK(in.Author):
		add("author", "Your name contains characters that are not allowed.")
	case author == "" && s.RequireNameEmail:
		add("author", "Please enter your name.")
	case utf8.RuneCountInString(author) > MaxAuthor:
		add("author", "Your name is too long (245 characters at most).")
	}

	switch email := strings.TrimSpace(in.Email); {
	case !lineOK(in.Email):
		add("email", "Your email address contains characters that are not allowed.")
	case email == "" && s.RequireNameEmail:
		add("email", "Please enter your email address.")
	case utf8.RuneCountInString(email) > MaxEmail:
		add("email", "Your email address is too long (100 characters at most).")
	case email != "" && !validEmail(email):
		add("email", "Please enter a valid email address.")
	}

	switch u := strings.TrimSpace(in.URL); {
	case !lineOK(in.URL):
		add("url", "Your website address contains characters that are not allowed.")
	case u == "":
	case utf8.RuneCountInString(normalURL(u)) > MaxURL:
		add("url", "Your website address is too long (200 characters at most).")
	case !validURL(normalURL(u)):
		add("url", "Please enter a valid website address.")
	}
	return errs
}

// Normalize returns the input as it will be stored: fields trimmed, the
// email lower-cased (so flood, duplicate and previously-approved checks see
// one address however it was typed), the website given a scheme, and the
// comment's line ends unified and control characters removed. Call it only
// on input that passed Validate.
func Normalize(in Input) Input {
	in.Author = strings.TrimSpace(in.Author)
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if u := strings.TrimSpace(in.URL); u != "" {
		in.URL = normalURL(u)
	} else {
		in.URL = ""
	}
	in.Content = strings.TrimSpace(cleanContent(in.Content))
	in.UserAgent = strings.ToValidUTF8(strings.Map(dropControl, in.UserAgent), "")
	in.Referrer = strings.ToValidUTF8(strings.Map(dropControl, in.Referrer), "")
	return in
}

// lineOK reports whether a one-line field is valid UTF-8 without control or
// format characters (which can hide or reorder text, like U+202E).
func lineOK(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// cleanContent unifies line ends and removes control characters except
// newline and tab; a reader pasting from a word processor should not be
// refused for an invisible character.
func cleanContent(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		return dropControl(r)
	}, s)
}

func dropControl(r rune) rune {
	if unicode.IsControl(r) || r == utf8.RuneError {
		return -1
	}
	return r
}

// validEmail accepts a bare address with a dotted domain, close to
// WordPress's is_email.
func validEmail(s string) bool {
	if len(s) < 6 || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}

// normalURL adds http:// to a website typed without a scheme, as WordPress
// does.
func normalURL(s string) string {
	if !strings.Contains(s, "://") {
		return "http://" + s
	}
	return s
}

// validURL accepts only http and https URLs with a host: the only kind a
// page may link to.
func validURL(s string) bool {
	if strings.ContainsAny(s, " <>\"'`\\") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return false
	}
	return true
}
