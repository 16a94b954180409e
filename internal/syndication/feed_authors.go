package syndication

import (
	"strings"

	"masthead/internal/article"
)

// parseAuthor reads one author as feeds write them. The Conversation's
// "Name, Role, Institution" form is article.ParseAuthor's; this adds the
// other habits: a leading "By ", and RSS's "email (Name)".
func parseAuthor(s string) article.Author {
	s = strings.Join(strings.Fields(s), " ")
	if open := strings.LastIndexByte(s, '('); open > 0 && strings.HasSuffix(s, ")") && strings.Contains(s[:open], "@") {
		s = s[open+1 : len(s)-1] // "desk@example.org (Jane Doe)"
	}
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	a := article.ParseAuthor(s)
	if a.Bio == a.Name {
		a.Bio = "" // a bare name is not a bio line
	}
	return a
}

// plainAuthors parses a list of author strings, skipping empty ones and
// e-mail addresses without a name (never shown publicly).
func plainAuthors(names []string) []article.Author {
	var out []article.Author
	for _, n := range names {
		a := parseAuthor(n)
		if a.Name == "" || strings.Contains(a.Name, "@") {
			continue
		}
		out = append(out, a)
	}
	return out
}
