// Package sanitize holds the two HTML policies masthead applies: one for
// article bodies imported from other publishers, one for reader comments.
//
// Both are allow-lists built on bluemonday, followed by a small pass of our
// own for the rules bluemonday cannot express (rel values it does not know,
// srcset URLs it does not check, iframes left without a source).
package sanitize

import "github.com/microcosm-cc/bluemonday"

// Policies holds the compiled policies. Build it once with New and share it:
// its methods are safe for concurrent use.
type Policies struct {
	article *bluemonday.Policy
	comment *bluemonday.Policy
}

// New compiles both policies.
func New() *Policies {
	return &Policies{
		article: articlePolicy(),
		comment: commentPolicy(),
	}
}

// Article sanitizes an imported article body. Everything a reader sees is
// kept as the publisher wrote it (No-Derivatives licences require that);
// what goes is what could run code, hide text, or submit data.
func (p *Policies) Article(html string) string {
	return fixArticle(p.article.Sanitize(html))
}

// Comment sanitizes a reader's comment down to inline formatting and links;
// every link gets rel="ugc nofollow noopener".
func (p *Policies) Comment(html string) string {
	return fixComment(p.comment.Sanitize(html))
}
