package moderation

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"masthead/internal/article"
	"masthead/internal/comment"
)

// rowView is one comment as the queue and the comment's page show it.
// It carries the CSRF token and the filter so its forms stand alone.
type rowView struct {
	*comment.Comment
	Article   *article.Article // nil: the article is gone
	Excerpt   string
	Truncated bool
	Length    int // characters in the whole text
	WhyLabel  string
	Buttons   []button
	CanReply  bool
	CSRF      string
	Keep      filter
	// Searches for the same author, address and IP in the current tab.
	AuthorURL, EmailURL, IPURL string
}

// button is one decision; Key is its keyboard shortcut, if any.
type button struct {
	Verb, Label, Key string
}

// buttons offers the moves away from a comment's status. The keys follow
// the decision, not the tab: a approves, s marks spam, t trashes.
func buttons(s comment.Status) []button {
	approve := button{"approve", "Approve", "a"}
	spam := button{"spam", "Spam", "s"}
	trash := button{"trash", "Trash", "t"}
	switch s {
	case comment.StatusApproved:
		return []button{{"unapprove", "Unapprove", ""}, spam, trash}
	case comment.StatusSpam:
		return []button{approve, trash}
	case comment.StatusTrash:
		return []button{{"unapprove", "Restore", ""}, approve, spam}
	}
	return []button{approve, spam, trash}
}

// whyLabel introduces the filter's and the rules' reasons.
func whyLabel(s comment.Status) string {
	switch s {
	case comment.StatusPending:
		return "Why held"
	case comment.StatusSpam, comment.StatusDiscard:
		return "Why spam"
	case comment.StatusTrash:
		return "Why trashed"
	}
	return "Flagged"
}

// Excerpt bounds: enough to judge most comments at a glance.
const (
	excerptRunes = 500
	excerptLines = 8
)

// excerpt cuts text at a rune and line budget and says whether it did.
func excerpt(text string) (string, bool) {
	runes, lines := 0, 0
	for i, r := range text {
		if runes == excerptRunes || (r == '\n' && lines == excerptLines-1) {
			return strings.TrimRight(text[:i], " \n"), true
		}
		runes++
		if r == '\n' {
			lines++
		}
	}
	return text, false
}

func newRow(c *comment.Comment, a *article.Article, csrf string, f filter) rowView {
	ex, cut := excerpt(c.Content)
	search := func(term string) string {
		if term == "" {
			return ""
		}
		g := f.with(f.Status, 1)
		g.Q = term
		return g.URL(url.Values{})
	}
	return rowView{
		Comment: c, Article: a, Excerpt: ex, Truncated: cut, Length: utf8.RuneCountInString(c.Content),
		WhyLabel: whyLabel(c.Status), Buttons: buttons(c.Status), CanReply: canReply(c.Status),
		CSRF: csrf, Keep: f,
		AuthorURL: search(c.Author), EmailURL: search(c.Email), IPURL: search(c.IP),
	}
}
