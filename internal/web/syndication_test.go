package web

import (
	"context"
	"testing"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
	"masthead/internal/syndication"
)

// A story from a polled source carries that source's credit lines, and its
// canonical policy decides where search engines are sent.
func TestSourceCreditsAndCanonical(t *testing.T) {
	cases := []struct {
		name          string
		canonical     store.Canonical
		wantCanonical func(a, own string) string
		wantNoIndex   bool
	}{
		{"canonical to the original", store.CanonicalOriginal, func(orig, _ string) string { return orig }, false},
		{"noindex", store.CanonicalNoindex, func(_, own string) string { return own }, true},
		{"self", store.CanonicalSelf, func(_, own string) string { return own }, false},
	}
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		for i, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				ctx := context.Background()
				src := &store.Source{Name: "Global Voices", FeedURL: "https://globalvoices.org/feed/" + tc.name,
					HomeURL: "https://globalvoices.org", CreditTop: "Originally published by {source}",
					CreditEnd: "Shared under {licence}; see {original:the original}.", Canonical: tc.canonical}
				syndication.SourceDefaults(src)
				if err := st.CreateSource(ctx, src); err != nil {
					t.Fatal(err)
				}
				a := referenceArticle(t, "https://images.example/map.jpg")
				a.Slug = "story-" + string(rune('a'+i))
				// Another story of the source: its own id and original URL.
				a.Source.Name = "Global Voices"
				a.Source.UpstreamID += tc.name
				a.Source.OriginalURL += "-" + a.Slug
				credit := syndication.CreditFor(a)
				e := store.Entry{Received: a, Prepared: a, StoryKey: a.Source.UpstreamID, AutoPublish: true,
					Syndication: store.Syndication{SourceID: src.ID, Canonical: tc.canonical,
						CreditTop: syndication.RenderCredit(src.CreditTop, credit),
						CreditEnd: syndication.RenderCredit(src.CreditEnd, credit)}}
				if _, err := st.SaveEntries(ctx, src.ID, []store.Entry{e}); err != nil {
					t.Fatal(err)
				}
				s := newServer(t, st, testConfig())
				doc := get(t, s, a.Path())
				byline := one(t, doc, "byline", tag("p", hasClass("byline")))
				if got := collapse(text(byline)); got != "by Greg Barton, Deakin University, Originally published by Global Voices" {
					t.Errorf("byline = %q", got)
				}
				end := one(t, doc, "closing credit", tag("p", hasClass("republished")))
				if got := collapse(text(end)); got != "Shared under CC BY-ND 4.0; see the original." {
					t.Errorf("closing credit = %q", got)
				}
				if l := one(t, end, "link to the original", tag("a", attrIs("href", a.Source.OriginalURL))); text(l) != "the original" {
					t.Errorf("original link text = %q", text(l))
				}
				canon := one(t, doc, "canonical link", tag("link", attrIs("rel", "canonical")))
				if want := tc.wantCanonical(a.Source.OriginalURL, testBaseURL+a.Path()); attr(canon, "href") != want {
					t.Errorf("canonical = %q, want %q", attr(canon, "href"), want)
				}
				robots := findAll(doc, tag("meta", attrIs("name", "robots")))
				if (len(robots) > 0) != tc.wantNoIndex {
					t.Errorf("robots meta present = %v, want %v", len(robots) > 0, tc.wantNoIndex)
				}
			})
		}
	})
}
