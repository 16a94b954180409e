package web

import (
	"bytes"
	"encoding/json"
	"html/template"
	"time"

	"masthead/internal/article"
)

// JSON-LD types for a NewsArticle, as schema.org names them.
type (
	ldArticle struct {
		Context          string     `json:"@context"`
		Type             string     `json:"@type"`
		Headline         string     `json:"headline"`
		Description      string     `json:"description,omitempty"`
		Image            []string   `json:"image,omitempty"`
		DatePublished    string     `json:"datePublished"`
		DateModified     string     `json:"dateModified"`
		Author           []ldPerson `json:"author,omitempty"`
		Publisher        ldOrg      `json:"publisher"`
		IsBasedOn        string     `json:"isBasedOn,omitempty"`
		License          string     `json:"license,omitempty"`
		MainEntityOfPage ldPage     `json:"mainEntityOfPage"`
		URL              string     `json:"url"`
		InLanguage       string     `json:"inLanguage,omitempty"`
		Keywords         []string   `json:"keywords,omitempty"`
	}
	ldPerson struct {
		Type        string `json:"@type"`
		Name        string `json:"name"`
		URL         string `json:"url,omitempty"`
		Description string `json:"description,omitempty"`
		Affiliation *ldOrg `json:"affiliation,omitempty"`
	}
	ldOrg struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	ldPage struct {
		Type string `json:"@type"`
		ID   string `json:"@id"`
	}
)

// articleJSONLD describes the article for search engines. encoding/json
// escapes <, > and & as \u00XX, so no value can close the script element;
// the replace below only guards that promise.
func (s *Server) articleJSONLD(id *identity, a *article.Article, own string) template.JS {
	ld := ldArticle{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Headline, Description: a.Summary,
		DatePublished:    a.Published.UTC().Format(time.RFC3339),
		DateModified:     a.Updated.UTC().Format(time.RFC3339),
		Publisher:        ldOrg{Type: "Organization", Name: id.name, URL: id.abs("/")},
		License:          a.Licence.URL,
		MainEntityOfPage: ldPage{Type: "WebPage", ID: own},
		URL:              own,
		InLanguage:       s.cfg.Language,
		Keywords:         a.Tags,
	}
	if img := id.absRef(a.Image.URL); img != "" {
		ld.Image = []string{img}
	}
	if a.Source.Imported() {
		ld.IsBasedOn = a.Source.OriginalURL
	}
	for _, au := range a.Authors {
		p := ldPerson{Type: "Person", Name: au.Name, URL: au.ProfileURL, Description: au.Bio}
		if au.Institution != "" {
			p.Affiliation = &ldOrg{Type: "Organization", Name: au.Institution}
		}
		ld.Author = append(ld.Author, p)
	}
	b, err := json.Marshal(ld)
	if err != nil { // plain strings and structs cannot fail
		return ""
	}
	return template.JS(bytes.ReplaceAll(b, []byte("</"), []byte(`<\/`)))
}
