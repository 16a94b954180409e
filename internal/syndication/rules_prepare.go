package syndication

import (
	"fmt"
	"regexp"
	"slices"

	"masthead/internal/article"
	"masthead/internal/store"
)

// sourceRules is a source's rules, compiled once per poll.
type sourceRules struct {
	src        *store.Source
	unlicensed *regexp.Regexp
	badPattern error
}

func rulesFor(src *store.Source) *sourceRules {
	r := &sourceRules{src: src}
	if src.UnlicensedCaption != "" {
		r.unlicensed, r.badPattern = regexp.Compile(src.UnlicensedCaption)
	}
	return r
}

// Prepare applies a source's rules to a story as the feed gave it and says
// whether, and why not, it can be published. received is not changed.
func Prepare(received *article.Article, src *store.Source) store.Entry {
	return rulesFor(src).prepare(received)
}

func (r *sourceRules) prepare(received *article.Article) store.Entry {
	a := *received
	a.Authors = slices.Clone(received.Authors)
	a.Tags = slices.Clone(received.Tags)
	a.ID, a.Status = 0, ""
	a.Source.Name = r.src.Name
	if r.src.HomeURL != "" {
		a.Source.HomeURL = r.src.HomeURL
	}
	if LicenceKnown(r.src.Licence) {
		a.Licence = r.src.Licence // the editor's word over the feed's
	}

	var why []string
	if r.badPattern != nil {
		why = append(why, fmt.Sprintf("the source's unlicensed-caption pattern is invalid (%v), so figures cannot be checked", r.badPattern))
	}
	body, dropped := DropFigures(a.BodyHTML, r.unlicensed)
	a.BodyHTML = body
	if slices.Contains(dropped, a.Image.URL) ||
		(r.unlicensed != nil && a.Image.URL != "" && r.unlicensed.MatchString(a.Image.Caption+" "+a.Image.Credit)) {
		a.Image = article.Image{} // the lead image is one we may not show
	}
	if missing := MissingRequired(a.BodyHTML, r.src.RequiredElements); len(missing) > 0 {
		why = append(why, fmt.Sprintf("the source requires %s on the page and the story as it would be published lacks it", quoteList(missing)))
	}
	if !LicenceKnown(a.Licence) {
		why = append(why, "no recognisable licence in the feed; set the source's licence (--licence NAME=URL) if you know it")
	}

	credit := CreditFor(&a)
	problem := problems(why)
	return store.Entry{
		Received:    received,
		Prepared:    &a,
		StoryKey:    StoryKey(a.Source.OriginalURL),
		Problem:     problem,
		AutoPublish: r.src.Mode == store.ModeAuto && problem == "",
		Syndication: store.Syndication{
			SourceID:  r.src.ID,
			CreditTop: RenderCredit(r.src.CreditTop, credit),
			CreditEnd: RenderCredit(r.src.CreditEnd, credit),
			Canonical: r.src.Canonical,
		},
	}
}
