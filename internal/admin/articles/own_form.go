package articles

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"masthead/internal/article"
)

// ownForm is the Markdown editor's form as typed, so a page sent back
// (for a preview, or with errors) shows exactly what the editor wrote.
type ownForm struct {
	Headline, Summary string
	Authors           string // names, comma-separated
	Tags              string // comma-separated
	Markdown          string
}

// fieldErrors maps a form field's name to what is wrong with it.
type fieldErrors map[string]string

const (
	maxHeadline = 300
	maxSummary  = 1000
	maxName     = 200
	maxTags     = 30
	maxTag      = 100
)

func readOwnForm(r *http.Request) ownForm {
	return ownForm{
		Headline: strings.TrimSpace(r.PostFormValue("headline")),
		Summary:  strings.TrimSpace(r.PostFormValue("summary")),
		Authors:  strings.TrimSpace(r.PostFormValue("authors")),
		Tags:     strings.TrimSpace(r.PostFormValue("tags")),
		Markdown: strings.TrimRight(r.PostFormValue("markdown"), " \t\r\n"),
	}
}

func ownFormOf(a *article.Article, md string) ownForm {
	names := make([]string, len(a.Authors))
	for i, au := range a.Authors {
		names[i] = au.Name
	}
	return ownForm{Headline: a.Headline, Summary: a.Summary, Authors: strings.Join(names, ", "),
		Tags: strings.Join(a.Tags, ", "), Markdown: md}
}

// check says what is wrong, or nil.
func (f ownForm) check() fieldErrors {
	errs := fieldErrors{}
	switch n := utf8.RuneCountInString(f.Headline); {
	case n == 0:
		errs["headline"] = "Enter a headline."
	case n > maxHeadline:
		errs["headline"] = "Keep the headline under 300 characters."
	case !printable(f.Headline):
		errs["headline"] = "The headline contains characters that cannot be shown."
	}
	if utf8.RuneCountInString(f.Summary) > maxSummary || !printable(f.Summary) {
		errs["summary"] = "Keep the summary to one paragraph of under 1000 characters."
	}
	for _, name := range splitList(f.Authors) {
		if utf8.RuneCountInString(name) > maxName || !printable(name) {
			errs["authors"] = "Separate names with commas; each under 200 characters."
		}
	}
	if msg := checkTags(f.Tags); msg != "" {
		errs["tags"] = msg
	}
	if strings.TrimSpace(f.Markdown) == "" {
		errs["markdown"] = "Write the story."
	} else if !utf8.ValidString(f.Markdown) {
		errs["markdown"] = "The text is not valid UTF-8."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func checkTags(s string) string {
	tags := splitList(s)
	if len(tags) > maxTags {
		return "Use at most 30 tags."
	}
	for _, t := range tags {
		if utf8.RuneCountInString(t) > maxTag || !printable(t) {
			return "Separate tags with commas; each under 100 characters."
		}
		if article.Slugify(t) == "" {
			return "“" + t + "” has no letters or digits to make a tag's address from."
		}
	}
	return ""
}

func (f ownForm) authors() []article.Author {
	var out []article.Author
	for _, name := range splitList(f.Authors) {
		out = append(out, article.Author{Name: name})
	}
	return out
}

// splitList splits a comma-separated field, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// printable rejects what would garble a page or a terminal: invalid UTF-8
// and control characters.
func printable(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0
}
