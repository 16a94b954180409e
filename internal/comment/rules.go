package comment

import (
	"fmt"
	"strings"
)

// matchKey returns the first key (WordPress semantics: one word or phrase
// per line, case-insensitive substring) found in the comment's content,
// name, email, URL, IP or user agent, and whether one was.
func matchKey(keys []string, c *Comment) (string, bool) {
	if len(keys) == 0 {
		return "", false
	}
	fields := [...]string{c.Content, c.Author, c.Email, c.URL, c.IP, c.UserAgent}
	for i, f := range fields {
		fields[i] = strings.ToLower(f)
	}
	for _, k := range keys {
		for _, f := range fields {
			if strings.Contains(f, k) {
				return k, true
			}
		}
	}
	return "", false
}

// countLinks counts the links a page would show in the comment: the URLs
// RenderText turns into links. The author's website does not count, as in
// WordPress.
func countLinks(content string) int {
	return len(findURLs(content))
}

// disallowed reports the reason a comment goes straight to the trash.
func disallowed(c *Comment, s Settings) (string, bool) {
	if k, ok := matchKey(s.DisallowedKeys, c); ok {
		return fmt.Sprintf("matches disallowed key %q", k), true
	}
	return "", false
}

// holdReasons lists why the discussion rules, before looking at the
// author's history, hold a comment for moderation. Empty means approve
// (subject to comment_previously_approved).
func holdReasons(c *Comment, s Settings) []string {
	var why []string
	if s.HoldAll {
		why = append(why, "every comment is held for moderation (comment_moderation)")
	}
	if n := countLinks(c.Content); s.MaxLinks > 0 && n >= s.MaxLinks {
		why = append(why, fmt.Sprintf("%d links (held at %d or more)", n, s.MaxLinks))
	}
	if k, ok := matchKey(s.ModerationKeys, c); ok {
		why = append(why, fmt.Sprintf("matches moderation key %q", k))
	}
	return why
}
