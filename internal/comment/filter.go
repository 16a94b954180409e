package comment

import (
	"context"
	"time"
)

// Filter is the spam filter Service consults, as wide as Service needs.
// internal/spam provides one through a small adapter.
type Filter interface {
	Check(ctx context.Context, c *Comment, m Meta) Verdict
}

// Class is a filter's decision.
type Class string

// Classes. ClassHam leaves the decision to the discussion rules.
const (
	ClassHam     Class = "ham"
	ClassSpam    Class = "spam"
	ClassDiscard Class = "discard"
)

// Verdict is the filter's answer, with reasons for moderators.
type Verdict struct {
	Class   Class
	Reasons []string
}

// Meta is what the filter may want beyond the comment itself.
type Meta struct {
	Permalink  string        // the article's path
	ArticleAge time.Duration // time since the article was published
	Token      TokenState    // what the form token check found
	FormAge    time.Duration // time since the form was served; 0 = unknown
	Honeypot   string        // the hidden field's value; "" when left empty
	Disallowed []string      // the site's disallowed keys
}
