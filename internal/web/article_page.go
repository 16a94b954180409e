package web

import (
	"html/template"
	"strings"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/article"
)

// articleView is what article.tmpl shows.
type articleView struct {
	layout
	A             *article.Article
	Kicker        *navLink
	Authors       []bylineAuthor
	FirstAppeared string // the credit line at the top of an imported story
	ShowUpdated   bool
	Lead          *article.Image // nil when the body already shows the image
	Body          template.HTML
	Republished   *republished
	// CreditTop and CreditEnd are a polled source's own credit lines, in
	// place of FirstAppeared and Republished.
	CreditTop, CreditEnd template.HTML
	Tags                 []navLink
	Comments             commentArea
}

type bylineAuthor struct {
	Sep      string // ", " or " and " before all but the first
	Name     string
	Byline   string // "Greg Barton, Deakin University"
	Link     string
	Page     string // the site's page of the author's stories
	Bio      string
	BioAfter string // the bio after a leading name, set bold apart
}

// republished is the closing credit the source's licence asks for.
type republished struct {
	SourceName, HomeURL, OriginalURL string
	LicenceLabel, LicenceURL         string
}

func (s *Server) articleView(site *siteView, a *article.Article, comments commentArea) *articleView {
	id := site.id
	own := id.abs(a.Path())
	v := &articleView{
		A:           a,
		Body:        template.HTML(a.BodyHTML), // sanitized at import; No-Derivatives bodies must stay verbatim
		ShowUpdated: a.Updated.Sub(a.Published) > time.Minute,
		Tags:        tagLinks(a.Tags),
		Comments:    comments,
	}
	v.Site = site
	v.Title = a.Headline + " – " + id.name
	v.Description = a.Summary
	v.Canonical = own
	v.Feeds = s.siteFeeds(id)
	if s.comments != nil {
		v.Feeds = append(v.Feeds, feedLink{Atom: true, Title: a.Headline + " – Comments", URL: own + "feed/"})
		v.Scripts = []string{s.assets.url("comments.js")}
	}
	if len(v.Tags) > 0 {
		v.Kicker = &v.Tags[0]
	}
	for i, au := range a.Authors {
		b := bylineAuthor{Sep: listSep(i, len(a.Authors)), Name: au.Name, Byline: au.Byline(),
			Link: authorLink(au), Page: authorPath(au), Bio: au.Bio}
		if b.Bio == "" {
			b.Bio = au.Byline()
		}
		if rest, ok := strings.CutPrefix(b.Bio, au.Name); ok && au.Name != "" {
			b.BioAfter = rest
		}
		v.Authors = append(v.Authors, b)
	}
	v.Lead = leadImage(a)
	v.Republished = newRepublished(a)
	if a.Source.Imported() {
		// Search engines should credit the original; the source asks for it.
		if a.Source.OriginalURL != "" {
			v.Canonical = a.Source.OriginalURL
		}
		if a.Source.Name != "" {
			v.FirstAppeared = "This article first appeared in " + a.Source.Name + ", republished with permission"
		}
	}
	v.OG, v.Twitter = socialTags(id, a, own)
	v.JSONLD = s.articleJSONLD(id, a, own)
	return v
}

// leadImage is the image to show above the body, unless the body has it.
func leadImage(a *article.Article) *article.Image {
	if a.Image.URL == "" || bodyShowsImage(a.BodyHTML, a.Image.URL) {
		return nil
	}
	return &a.Image
}

// newRepublished is the closing credit of an imported story; nil for the
// site's own.
func newRepublished(a *article.Article) *republished {
	if !a.Source.Imported() || a.Source.Name == "" {
		return nil
	}
	return &republished{
		SourceName: a.Source.Name, HomeURL: a.Source.HomeURL, OriginalURL: a.Source.OriginalURL,
		LicenceLabel: licenceLabel(a.Licence), LicenceURL: a.Licence.URL,
	}
}

// licenceLabel is the closing credit's wording for the licence link.
func licenceLabel(l article.Licence) string {
	if strings.Contains(l.URL, "creativecommons.org") || strings.HasPrefix(strings.ToUpper(l.Name), "CC") {
		return "Creative Commons license"
	}
	if l.Name != "" {
		return l.Name
	}
	return "licence"
}

// socialTags are the OpenGraph and Twitter card tags of an article.
func socialTags(id *identity, a *article.Article, own string) (og, tw []metaPair) {
	img := id.absRef(a.Image.URL)
	og = []metaPair{
		{"og:type", "article"},
		{"og:site_name", id.name},
		{"og:title", a.Headline},
		{"og:url", own},
	}
	if a.Summary != "" {
		og = append(og, metaPair{"og:description", a.Summary})
	}
	if img != "" {
		og = append(og, metaPair{"og:image", img})
		if a.Image.Alt != "" {
			og = append(og, metaPair{"og:image:alt", a.Image.Alt})
		}
	}
	og = append(og, metaPair{"article:published_time", a.Published.UTC().Format(time.RFC3339)},
		metaPair{"article:modified_time", a.Updated.UTC().Format(time.RFC3339)})
	for _, au := range a.Authors {
		if au.ProfileURL != "" {
			og = append(og, metaPair{"article:author", au.ProfileURL})
		}
	}
	for _, t := range a.Tags {
		og = append(og, metaPair{"article:tag", t})
	}
	card := "summary"
	if img != "" {
		card = "summary_large_image"
	}
	tw = []metaPair{{"twitter:card", card}, {"twitter:title", a.Headline}}
	if a.Summary != "" {
		tw = append(tw, metaPair{"twitter:description", a.Summary})
	}
	if img != "" {
		tw = append(tw, metaPair{"twitter:image", img})
		if a.Image.Alt != "" {
			tw = append(tw, metaPair{"twitter:image:alt", a.Image.Alt})
		}
	}
	return og, tw
}

// bodyShowsImage reports whether the body has an <img> with this src, as an
// imported body's leading figure usually does: the page then shows the
// body's figure and not a second copy of it.
func bodyShowsImage(body, src string) bool {
	if !strings.Contains(body, "<img") && !strings.Contains(body, "<IMG") {
		return false
	}
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "img" {
				continue
			}
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				if string(key) == "src" && string(val) == src {
					return true
				}
			}
		}
	}
}

// digits reports whether s is exactly n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
