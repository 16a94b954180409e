// Package article holds the plain types of a story and the rules that follow
// from them alone: who wrote it, where it came from, and under what licence.
package article

import (
	"strings"
	"time"
)

// Article is one story, imported or written on the site.
type Article struct {
	ID        int64
	Slug      string
	Headline  string
	Summary   string
	BodyHTML  string // sanitized; for No-Derivatives stories, exactly as received
	Image     Image
	Authors   []Author
	Source    Source
	Licence   Licence
	Tags      []string
	Published time.Time
	Updated   time.Time
	Status    Status
	// CommentsClosed is set when the article takes no new comments; the
	// zero value leaves them open, as for a new article.
	CommentsClosed bool
}

// Status says whether readers can see an article.
type Status string

const (
	StatusPublished   Status = "published"
	StatusUnpublished Status = "unpublished"
)

// Image is a picture with what the licence and readers need about it.
type Image struct {
	URL     string
	Alt     string
	Caption string
	Credit  string
}

// Author is one byline entry.
type Author struct {
	Name        string
	Role        string // "Chair in Global Islamic Politics, …"
	Institution string // "Deakin University"
	ProfileURL  string
	Bio         string // the full line shown under the article
}

// Byline is what the top of the article shows: "Greg Barton, Deakin University".
func (a Author) Byline() string {
	if a.Institution == "" {
		return a.Name
	}
	return a.Name + ", " + a.Institution
}

// Source says where an imported story came from. A zero Source means the
// site's own story.
type Source struct {
	Name        string // "The Conversation"
	HomeURL     string // "https://theconversation.com"
	OriginalURL string // the story on the source's site
	UpstreamID  string // the feed entry id, the key for re-imports
}

// Imported reports whether the article came from another publisher.
func (s Source) Imported() bool { return s.UpstreamID != "" }

// Licence is the licence a story is published under.
type Licence struct {
	Name string // "CC BY-ND 4.0"
	URL  string
}

// NoDerivatives reports whether the licence forbids changing the work.
func (l Licence) NoDerivatives() bool {
	return strings.Contains(strings.ToUpper(l.Name), "-ND")
}

// Path is the article's path on the site: /2024/03/slug/.
func (a *Article) Path() string {
	return a.Published.UTC().Format("/2006/01/") + a.Slug + "/"
}

// ParseAuthor splits a feed author name in The Conversation's form
// "Name, Role, …, Institution": the name is the first comma part and the
// institution the last; everything is kept as the bio line.
func ParseAuthor(full string) Author {
	full = strings.TrimSpace(full)
	parts := strings.Split(full, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	a := Author{Name: parts[0], Bio: full}
	if len(parts) >= 2 {
		a.Institution = parts[len(parts)-1]
	}
	if len(parts) >= 3 {
		a.Role = strings.Join(parts[1:len(parts)-1], ", ")
	}
	return a
}
