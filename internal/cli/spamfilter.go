package cli

import (
	"context"
	"log/slog"

	"masthead/internal/comment"
	"masthead/internal/filter"
	"masthead/internal/spam"
	"masthead/internal/store"
)

// commentFilter lets the comment rules consult the running spam filter and
// moderators' decisions teach it.
type commentFilter struct{ f *filter.Filter }

// Check implements comment.Filter.
func (cf commentFilter) Check(_ context.Context, c *comment.Comment, m comment.Meta) comment.Verdict {
	v := cf.f.Check(spamComment(c, m))
	return comment.Verdict{Class: comment.Class(v.Class), Reasons: v.Reasons}
}

// LearnComment teaches the filter a moderator's decision, at once and for
// every instance (the filter logs it in the database).
func (cf commentFilter) LearnComment(ctx context.Context, c *comment.Comment, isSpam bool) error {
	label := filter.Ham
	if isSpam {
		label = filter.Spam
	}
	return cf.f.Learn(ctx, spamComment(c, comment.Meta{}), label, filter.SourceModeration)
}

// spamComment is what the filter sees of a comment and its form.
func spamComment(c *comment.Comment, m comment.Meta) spam.Comment {
	typ := "comment"
	if c.ParentID != 0 {
		typ = "reply"
	}
	return spam.Comment{
		Author: c.Author, Email: c.Email, URL: c.URL, Content: c.Content,
		IP: c.IP, UserAgent: c.UserAgent, Referrer: c.Referrer,
		Permalink: m.Permalink, Type: typ, ArticleAge: m.ArticleAge, ParentID: c.ParentID,
		FormAge: m.FormAge, Token: spamToken(m.Token), Honeypot: m.Honeypot, Disallowed: m.Disallowed,
	}
}

func spamToken(t comment.TokenState) spam.TokenState {
	switch t {
	case comment.TokenOK:
		return spam.TokenOK
	case comment.TokenMissing, comment.TokenExpired: // a day-old form proves nothing
		return spam.TokenMissing
	case comment.TokenForged:
		return spam.TokenForged
	case comment.TokenReplayed:
		return spam.TokenReplayed
	}
	return spam.TokenUnknown
}

// openFilter builds the spam filter from its latest snapshot (or the
// default model) and replays what it has learned since, from the database.
func openFilter(ctx context.Context, st *store.Store, logger *slog.Logger) (*filter.Filter, error) {
	m, err := filter.Initial(ctx, st)
	if err != nil {
		return nil, err
	}
	f := filter.New(m, st, logger)
	if _, err := f.Load(ctx); err != nil {
		return nil, err
	}
	return f, nil
}
