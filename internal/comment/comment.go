// Package comment holds the rules of reader comments as WordPress has them:
// required fields and limits, discussion settings, moderation and disallowed
// keys, flood and duplicate checks, threading and paging, and the helpers
// pages need (rendering plain text, identicons, counts, signed tokens).
//
// The package does no SQL. Service reaches the database through the small
// Store interface, which internal/store implements.
package comment

import (
	"strconv"
	"time"
)

// Status is where a comment stands in moderation.
type Status string

// Statuses. Only StatusApproved is public. StatusDiscard is spam so blatant
// that nobody needs to review it; it is kept only for the IP retention period
// so the filter can learn from it, then purged.
const (
	StatusPending  Status = "pending"
	StatusApproved Status = "approved"
	StatusSpam     Status = "spam"
	StatusTrash    Status = "trash"
	StatusDiscard  Status = "discard"
)

// Valid reports whether s is one of the statuses above.
func (s Status) Valid() bool {
	switch s {
	case StatusPending, StatusApproved, StatusSpam, StatusTrash, StatusDiscard:
		return true
	}
	return false
}

// ParseStatus reads a status as moderators type it; "approve", "hold" and
// "unapprove" are accepted as WordPress's CLI spells them.
func ParseStatus(s string) (Status, bool) {
	switch s {
	case "approve", "approved":
		return StatusApproved, true
	case "hold", "unapprove", "pending":
		return StatusPending, true
	case "spam":
		return StatusSpam, true
	case "trash":
		return StatusTrash, true
	case "discard":
		return StatusDiscard, true
	}
	return "", false
}

// Comment is one stored comment. Email and IP are private: nothing public
// may show them (pages show AvatarPath of the email instead).
type Comment struct {
	ID        int64
	ArticleID int64
	ParentID  int64 // 0 for a top-level comment
	Author    string
	Email     string // lower-cased
	URL       string
	Content   string // plain text as typed; render with RenderText
	IP        string // "" once erased after the retention period
	UserAgent string
	Referrer  string
	Status    Status
	Created   time.Time
	// SpamReasons says why the comment was held, trashed or marked spam,
	// for moderators: the filter's reasons and the discussion rules'.
	SpamReasons []string
	// StatusChanged and StatusChangedBy say who set the current status and
	// when; on creation they are Created and "masthead".
	StatusChanged   time.Time
	StatusChangedBy string
}

// SystemActor is the StatusChangedBy of decisions masthead made itself.
const SystemActor = "masthead"

// Input is a comment as the form sent it, before any rule ran. Field names
// in the form follow WordPress: comment, author, email, url,
// comment_parent, comment_post_ID.
type Input struct {
	ArticleID int64  // comment_post_ID
	ParentID  int64  // comment_parent; 0 for top level
	Author    string // author
	Email     string // email
	URL       string // url
	Content   string // comment
	IP        string
	UserAgent string
	Referrer  string
	// Token is the page token from the form (see Tokens).
	Token string
	// Seen is the form-seen cookie's value (see Tokens.Seen); "" when the
	// browser sent none.
	Seen string
	// Honeypot is the value of the field people never see; bots fill it.
	Honeypot string
}

// StatusChange is one entry of a comment's moderation history.
type StatusChange struct {
	From, To Status
	By       string // the moderator, or SystemActor
	At       time.Time
}

// Anchor is the comment's fragment id on the article page, "comment-42",
// where the web redirects after posting.
func (c *Comment) Anchor() string { return "comment-" + strconv.FormatInt(c.ID, 10) }
