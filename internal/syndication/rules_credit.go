package syndication

import (
	"fmt"
	"html"
	"strings"

	"masthead/internal/article"
	"masthead/internal/sanitize"
)

// Default credit templates: they reproduce the lines The Conversation asks
// republishers to show.
const (
	DefaultCreditTop = "[This article first appeared in {source}, republished with permission]"
	DefaultCreditEnd = "This article is republished from {source} under a {licence:Creative Commons license}. {original:Read the original article}."
)

// A credit template is plain text with placeholders:
//
//	{source}   the source's name, linked to its site
//	{author}   the bylines, "Greg Barton, Deakin University"
//	{licence}  the licence's name, linked to its text
//	{original} "the original article", linked to it
//	{source:TEXT}, {licence:TEXT}, {original:TEXT}  TEXT, with that link

// templatePart is literal text, or a placeholder with its optional TEXT.
type templatePart struct {
	text        string
	placeholder string // "" for literal text
	label       string
}

// parseTemplate splits a credit template into parts, failing on a brace
// that does not make a known placeholder.
func parseTemplate(tmpl string) ([]templatePart, error) {
	var parts []templatePart
	rest := tmpl
	for rest != "" {
		i := strings.IndexAny(rest, "{}")
		if i < 0 {
			parts = append(parts, templatePart{text: rest})
			break
		}
		if i > 0 {
			parts = append(parts, templatePart{text: rest[:i]})
		}
		end := strings.IndexByte(rest[i:], '}')
		if rest[i] == '}' || end < 0 || strings.Contains(rest[i+1:i+end], "{") {
			return nil, fmt.Errorf("credit template %q: unknown placeholder near %q (use {source}, {author}, {licence}, {original}, or {source:TEXT}, {licence:TEXT}, {original:TEXT})",
				tmpl, clip(rest[i:], 20))
		}
		name, label, labelled := strings.Cut(rest[i+1:i+end], ":")
		switch {
		case name == "author" && !labelled, name == "source", name == "licence", name == "original":
		default:
			return nil, fmt.Errorf("credit template %q: unknown placeholder {%s} (use {source}, {author}, {licence}, {original}, or {source:TEXT}, {licence:TEXT}, {original:TEXT})",
				tmpl, rest[i+1:i+end])
		}
		parts = append(parts, templatePart{placeholder: name, label: label})
		rest = rest[i+end+1:]
	}
	return parts, nil
}

// Credit is what a credit line can name.
type Credit struct {
	Source    string
	SourceURL string
	Authors   []article.Author
	Licence   article.Licence
	Original  string // the story's URL at the source
}

// CreditFor gathers a prepared story's credit data.
func CreditFor(a *article.Article) Credit {
	return Credit{Source: a.Source.Name, SourceURL: a.Source.HomeURL, Authors: a.Authors,
		Licence: a.Licence, Original: a.Source.OriginalURL}
}

// CheckCreditTemplate reports a template's unknown or malformed
// placeholders, for the editor adding a source.
func CheckCreditTemplate(tmpl string) error {
	_, err := parseTemplate(tmpl)
	return err
}

// RenderCredit renders a credit template as HTML: text escaped, links only
// to http(s) URLs, a placeholder with nothing to show left out. A template
// that does not parse (CheckSource refuses those) is shown as plain text.
func RenderCredit(tmpl string, c Credit) string {
	parts, err := parseTemplate(tmpl)
	if err != nil {
		return html.EscapeString(tmpl)
	}
	var b strings.Builder
	for _, p := range parts {
		text := p.label
		switch p.placeholder {
		case "":
			b.WriteString(html.EscapeString(p.text))
		case "source":
			b.WriteString(creditLink(c.SourceURL, orDefault(text, c.Source)))
		case "author":
			b.WriteString(html.EscapeString(creditBylines(c.Authors)))
		case "licence":
			b.WriteString(creditLink(c.Licence.URL, orDefault(text, c.Licence.Name)))
		case "original":
			b.WriteString(creditLink(c.Original, orDefault(text, "the original article")))
		}
	}
	return b.String()
}

func creditLink(href, text string) string {
	if text == "" {
		return ""
	}
	if !sanitize.SafeURL(href, false) {
		return html.EscapeString(text)
	}
	return `<a href="` + html.EscapeString(href) + `">` + html.EscapeString(text) + `</a>`
}

func creditBylines(authors []article.Author) string {
	names := make([]string, 0, len(authors))
	for _, a := range authors {
		names = append(names, a.Byline())
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
