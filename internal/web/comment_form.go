package web

import (
	"strings"

	"masthead/internal/article"
)

// Form field names beyond WordPress's own (comment, author, email, url,
// comment_post_ID, comment_parent, wp-comment-cookies-consent). They are
// written in commentform.tmpl too; the tests post what the page offers,
// so the two cannot drift apart unnoticed.
const (
	tokenField    = "comment_token"
	honeypotField = "message" // a name bots like to fill; people never see the field
	consentField  = "wp-comment-cookies-consent"
)

// commentForm is the comment form: empty on an article page, as the reader
// filled it in on an error page.
type commentForm struct {
	Action     string
	PostID     int64
	ParentID   int64
	Token      string // the page token
	Title      string // "Leave a comment", or "Reply to Ann"
	CancelURL  string // back to a plain comment, when replying
	PrivacyURL string
	// RequireNameEmail marks name and email required (require_name_email).
	RequireNameEmail bool
	Values           formValues
	Errors           map[string]string // by field name
	Message          string            // a refusal that is not about one field
}

// formValues are the reader's entries, as typed.
type formValues struct {
	Comment, Author, Email, URL string
	Consent                     bool
}

// newCommentForm is the form for an article page; replyTo names the
// comment being answered (its id and author), for ?replytocom and error
// pages.
func (s *Server) newCommentForm(a *article.Article, pagePath string, requireNameEmail bool, replyID int64, replyAuthor string) *commentForm {
	f := &commentForm{
		Action: commentsPath, PostID: a.ID, Token: s.tokens.Issue(a.ID),
		Title: "Leave a comment", PrivacyURL: "/privacy/", RequireNameEmail: requireNameEmail,
		CancelURL: pagePath + "#respond",
	}
	if replyID > 0 {
		if replyAuthor == "" {
			replyAuthor = "Anonymous"
		}
		f.ParentID, f.Title = replyID, "Reply to "+replyAuthor
	}
	return f
}

// typed returns a form value for showing back in the form: exactly as
// sent, except that bytes which are not UTF-8 become U+FFFD, as a page
// cannot carry them.
func typed(v string) string { return strings.ToValidUTF8(v, "\uFFFD") }
