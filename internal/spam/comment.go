package spam

import "time"

// Comment is what the filter sees of one comment and the context it was
// posted in. Zero values mean "unknown" and never count against the comment.
type Comment struct {
	Author    string
	Email     string
	URL       string // the commenter's website
	Content   string
	IP        string
	UserAgent string
	Referrer  string
	Permalink string // the article the comment is posted on
	Type      string // "comment", "reply", "trackback", "pingback", … ("" = comment)
	UserRole  string // "administrator" marks the Akismet ham test trigger

	ArticleAge time.Duration // age of the article; 0 = unknown
	ParentID   int64         // the comment replied to; 0 = none
	FormAge    time.Duration // time since the form was served; 0 = unknown
	Token      TokenState    // state of the form token
	Honeypot   string        // value of the honeypot field; "" when empty

	// Disallowed holds the site's disallowed keywords, one keyword or
	// phrase per entry (WordPress semantics: case-insensitive substring of
	// content, author, e-mail, URL, IP or user agent).
	Disallowed []string
}

// TokenState is what the form handler found out about the form token.
type TokenState uint8

// Token states. TokenUnknown is for callers without a form (the Akismet
// API, imports) and is neutral.
const (
	TokenUnknown TokenState = iota
	TokenOK
	TokenMissing
	TokenForged
	TokenReplayed
)

// Class is the verdict's decision.
type Class string

// Classes. ClassDiscard is spam so blatant that nobody needs to review it;
// it counts as spam everywhere a yes/no answer is needed.
const (
	ClassHam     Class = "ham"
	ClassSpam    Class = "spam"
	ClassDiscard Class = "discard"
)

// IsSpam reports whether the class is spam or discard.
func (c Class) IsSpam() bool { return c == ClassSpam || c == ClassDiscard }

// Verdict is the filter's answer for one comment.
type Verdict struct {
	Class Class `json:"class"`
	// Score is the spam probability in [0, 1] after all evidence; the
	// threshold between ham and spam is 0.5.
	Score float64 `json:"score"`
	// Reasons are short phrases for moderators, strongest first.
	Reasons []string `json:"reasons"`
}
