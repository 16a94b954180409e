package syndication

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

const (
	counterSrc = `src="https://counter.theconversation.com/content/226464/count.gif?distributor=republish-lightbox-basic"`
	isisTitle  = "Why would Islamic State attack Russia?"
)

var (
	firstVersion = time.Date(2024, 3, 24, 4, 12, 9, 0, time.UTC)
	isisBody     = `<figure><img src="https://images.theconversation.com/files/583000/original/russia-outline.jpg" alt="an outlined map of Russia"><figcaption><span class="caption">An outline map of the Russian Federation.</span> <span class="attribution"><span class="source">Shutterstock</span></span></figcaption></figure><p>It appears almost certain the brutal assault was an Islamist terrorist attack.</p>`
)

// The whole life of syndicated stories, as an editor sees it: from a feed
// on a local server into the inbox, onto the site, corrected upstream,
// and alongside sources that publish on arrival or send garbage.
func TestPollEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		srv.set("/tc.atom", "application/atom+xml", tcAtom(tcEntry{id: 226464, title: isisTitle, body: isisBody, updated: firstVersion}))
		srv.set("/gv.rss", "application/rss+xml", gvRSS("Bloggers detained in Vietnam"))
		srv.set("/hostile.xml", "application/xml", billionLaughs)
		tc := addSource(t, st, "The Conversation", srv.URL+"/tc.atom", store.ModeInbox,
			func(s *store.Source) { s.HomeURL = "https://theconversation.com" })
		p := NewPoller(st, PollerConfig{})

		// First poll: the story waits in the inbox; nothing is on the site.
		rep := pollOne(t, p, tc.ID)
		if rep.Err != nil || rep.New != 1 || rep.Published != 0 || rep.NotModified {
			t.Fatalf("first poll: %+v", rep)
		}
		inbox, err := st.Inbox(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(inbox) != 1 || inbox[0].Headline != isisTitle || inbox[0].SourceName != "The Conversation" || inbox[0].Problem != "" {
			t.Fatalf("inbox after first poll: %+v", inbox)
		}
		if _, total, _ := st.Articles(ctx, store.ArticleQuery{}); total != 0 {
			t.Fatalf("an inbox source published %d stories on arrival", total)
		}

		// The editor publishes it: the stored body keeps the counter image.
		a, err := PublishFromInbox(ctx, st, inbox[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Path() != "/2024/03/why-would-islamic-state-attack-russia/" {
			t.Errorf("path = %q", a.Path())
		}
		page, err := st.ArticleByPath(ctx, a.Path())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page.BodyHTML, counterSrc) || !strings.Contains(page.BodyHTML, "an outlined map of Russia") {
			t.Errorf("published body lost the counter or the figure: %s", page.BodyHTML)
		}
		if page.Licence.Name != "CC BY-ND 4.0" || page.Source.Name != "The Conversation" ||
			!slices.Equal(page.Tags, []string{"Russia", "Terrorism"}) || page.Authors[0].Byline() != "Greg Barton, Deakin University" {
			t.Errorf("published: licence %q source %q tags %q authors %+v", page.Licence.Name, page.Source.Name, page.Tags, page.Authors)
		}
		credits, err := st.ArticleSyndication(ctx, page.ID)
		if err != nil {
			t.Fatal(err)
		}
		if credits.CreditTop != `[This article first appeared in <a href="https://theconversation.com">The Conversation</a>, republished with permission]` ||
			!strings.Contains(credits.CreditEnd, `<a href="https://theconversation.com/why-would-islamic-state-attack-russia-226464">Read the original article</a>`) {
			t.Errorf("credits: %+v", credits)
		}
		if inbox, _ := st.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("published story still in the inbox: %+v", inbox)
		}
		if err := st.UpdateArticleBody(ctx, page.ID, "<p>Our own edit</p>"); !errors.Is(err, store.ErrNoDerivatives) {
			t.Errorf("edit of the ND story: %v, want ErrNoDerivatives", err)
		}

		// Second poll: a conditional GET answered 304 changes nothing.
		v0, _ := st.Version(ctx)
		rep = pollOne(t, p, tc.ID)
		if _, notModified := srv.counts("/tc.atom"); rep.Err != nil || !rep.NotModified || notModified != 1 ||
			rep.New+rep.Updated+rep.Unchanged+rep.Published != 0 {
			t.Fatalf("second poll: %+v (server sent %d 304s)", rep, notModified)
		}
		if v, _ := st.Version(ctx); v != v0 {
			t.Error("a 304 changed the site")
		}
		if again, _ := st.ArticleByPath(ctx, a.Path()); again.BodyHTML != page.BodyHTML || !again.Updated.Equal(page.Updated) {
			t.Error("a 304 changed the article")
		}
		if src, _ := st.SourceByID(ctx, tc.ID); src.Poll.LastError != "" || src.Poll.ETag == "" || !src.Poll.NextAt.After(src.Poll.LastAt) {
			t.Errorf("poll state after 304: %+v", src.Poll)
		}

		// Upstream corrects the story: same URL, new text, "Updated" shown.
		corrected := time.Date(2024, 3, 25, 9, 0, 0, 0, time.UTC)
		srv.set("/tc.atom", "application/atom+xml", tcAtom(tcEntry{id: 226464, title: isisTitle,
			body: strings.Replace(isisBody, "almost certain", "certain", 1), updated: corrected}))
		rep = pollOne(t, p, tc.ID)
		if rep.Err != nil || rep.Updated != 1 || rep.New != 0 {
			t.Fatalf("poll after correction: %+v", rep)
		}
		fixed, err := st.ArticleByPath(ctx, a.Path())
		if err != nil {
			t.Fatalf("corrected story left its URL: %v", err)
		}
		if fixed.ID != page.ID || !strings.Contains(fixed.BodyHTML, "It appears certain the brutal") ||
			!strings.Contains(fixed.BodyHTML, counterSrc) || !fixed.Updated.Equal(corrected) || !fixed.Updated.After(fixed.Published) {
			t.Errorf("after correction: id %d updated %v published %v body %s", fixed.ID, fixed.Updated, fixed.Published, fixed.BodyHTML)
		}
		if revs, _ := st.ArticleRevisions(ctx, page.ID); len(revs) != 1 || !slices.Equal(revs[0].Changed, []string{"body"}) {
			t.Errorf("revisions: %+v", revs)
		}

		// An auto source publishes on arrival.
		gv := addSource(t, st, "Global Voices", srv.URL+"/gv.rss", store.ModeAuto)
		rep = pollOne(t, p, gv.ID)
		if rep.Err != nil || rep.Published != 1 {
			t.Fatalf("auto source poll: %+v", rep)
		}
		gvStory, err := st.ArticleByPath(ctx, "/2024/03/bloggers-detained-in-vietnam/")
		if err != nil {
			t.Fatalf("auto-published story not on the site: %v", err)
		}
		if gvStory.Licence.Name != "CC BY 3.0" || gvStory.Source.Name != "Global Voices" {
			t.Errorf("auto story: licence %q source %q", gvStory.Licence.Name, gvStory.Source.Name)
		}

		// A hostile feed leaves an error and nothing else; the others still poll.
		hostile := addSource(t, st, "Hostile", srv.URL+"/hostile.xml", store.ModeAuto)
		srv.set("/gv.rss", "application/rss+xml", gvRSS("Bloggers detained in Vietnam", "A second story"))
		reps, err := p.PollNow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(reps) != 3 || reps[0].Err != nil || !reps[0].NotModified || reps[1].Err != nil || reps[1].Published != 1 ||
			reps[1].Unchanged != 1 || reps[2].Err == nil {
			t.Fatalf("poll of all sources: %+v", reps)
		}
		h, _ := st.SourceByID(ctx, hostile.ID)
		if !strings.Contains(h.Poll.LastError, "entities") || h.Poll.Failures != 1 || h.Poll.NextAt.Sub(h.Poll.LastAt) != time.Hour {
			t.Errorf("hostile source state: %+v", h.Poll)
		}
		if _, total, _ := st.Articles(ctx, store.ArticleQuery{}); total != 3 {
			t.Errorf("%d stories on the site, want 3", total)
		}
		if inbox, _ := st.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("inbox: %+v", inbox)
		}
	})
}

// Stories that break their source's rules wait, with the reason.
func TestPollHoldsStoriesThatBreakRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		srv.set("/tc.atom", "application/atom+xml", tcAtom(
			tcEntry{id: 1001, title: "Counter stripped", body: "<p>Text</p>", updated: firstVersion, noCounter: true},
			tcEntry{id: 1002, title: "Counter in a script", body: `<p>Text</p><script src="https://counter.theconversation.com/content/1002/count.js"></script>`, updated: firstVersion, noCounter: true},
			tcEntry{id: 1003, title: "Fine", body: "<p>Fine</p>", updated: firstVersion},
		))
		srv.set("/nolicence.rss", "application/rss+xml", []byte(strings.Replace(string(gvRSS("Unlicensed story")),
			"<creativeCommons:license>https://creativecommons.org/licenses/by/3.0/</creativeCommons:license>", "", 1)))
		tc := addSource(t, st, "The Conversation", srv.URL+"/tc.atom", store.ModeAuto,
			func(s *store.Source) { s.HomeURL = "https://theconversation.com" })
		nl := addSource(t, st, "No licence", srv.URL+"/nolicence.rss", store.ModeAuto)
		p := NewPoller(st, PollerConfig{})
		if rep := pollOne(t, p, tc.ID); rep.Err != nil || rep.Published != 1 || rep.New != 2 {
			t.Fatalf("auto source with two rule-breaking stories: %+v", rep)
		}
		if rep := pollOne(t, p, nl.ID); rep.Err != nil || rep.Published != 0 || rep.New != 1 {
			t.Fatalf("auto source without licence: %+v", rep)
		}
		inbox, _ := st.Inbox(ctx)
		if len(inbox) != 3 {
			t.Fatalf("inbox: %+v", inbox)
		}
		for _, it := range inbox[:2] {
			if !strings.Contains(it.Problem, `requires "counter.theconversation.com/content/"`) {
				t.Errorf("%q: problem %q", it.Headline, it.Problem)
			}
			if _, err := PublishFromInbox(ctx, st, it.ID); !errors.Is(err, ErrNotPublishable) {
				t.Errorf("publishing %q: %v, want ErrNotPublishable", it.Headline, err)
			}
		}
		if !strings.Contains(inbox[2].Problem, "no recognisable licence") {
			t.Errorf("unlicensed story: problem %q", inbox[2].Problem)
		}
		// The editor sets the licence: the next poll of the unchanged feed
		// publishes the story, as the source is in auto mode.
		src, _ := st.SourceByID(ctx, nl.ID)
		src.Licence = article.Licence{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}
		if err := st.UpdateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		if rep := pollOne(t, p, nl.ID); rep.Err != nil || rep.NotModified || rep.Published != 1 {
			t.Fatalf("poll after the licence was set: %+v", rep)
		}
		got, err := st.ArticleByPath(ctx, "/2024/03/unlicensed-story/")
		if err != nil || got.Licence.Name != "CC BY 4.0" {
			t.Errorf("published: %+v, %v", got, err)
		}
		if inbox, _ := st.Inbox(ctx); len(inbox) != 2 {
			t.Errorf("inbox after the licence was set: %+v", inbox)
		}
	})
}

// JSON Feed comes in like the XML formats: licence from its _license
// extension, tags from its tags.
func TestPollJSONFeed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		srv.set("/feed.json", "application/feed+json", []byte(`{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "KFF Health News",
  "home_page_url": "https://kffhealthnews.org/",
  "_license": "https://creativecommons.org/licenses/by-nd/4.0/",
  "items": [{
    "id": "kff-123",
    "url": "https://kffhealthnews.org/news/article/rural-hospitals/",
    "title": "Rural hospitals cut services",
    "content_html": "<p>Rural hospitals are closing maternity wards.</p>",
    "date_published": "2024-03-21T08:00:00Z",
    "authors": [{"name": "Sam Reporter"}],
    "tags": ["Rural Health", "Hospitals"]
  }]
}`))
		src := addSource(t, st, "KFF Health News", srv.URL+"/feed.json", store.ModeAuto)
		p := NewPoller(st, PollerConfig{})
		if rep := pollOne(t, p, src.ID); rep.Err != nil || rep.Published != 1 {
			t.Fatalf("poll: %+v", rep)
		}
		a, err := st.ArticleByPath(ctx, "/2024/03/rural-hospitals/")
		if err != nil {
			t.Fatal(err)
		}
		if a.Licence.Name != "CC BY-ND 4.0" || !slices.Equal(a.Tags, []string{"Hospitals", "Rural Health"}) ||
			a.BodyHTML != "<p>Rural hospitals are closing maternity wards.</p>" || a.Authors[0].Name != "Sam Reporter" {
			t.Errorf("article: licence %q tags %q body %q authors %+v", a.Licence.Name, a.Tags, a.BodyHTML, a.Authors)
		}
	})
}
