package store_test

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

const counter = `<img src="https://counter.theconversation.com/content/226464/count.gif" alt="The Conversation" width="1" height="1"/>`

// entry is a feed entry as the poller would hand it over: prepared equal
// to received (the rules are syndication's, tested there).
func entry(id, headline, body string, auto bool, problem string) store.Entry {
	a := sample(id)
	a.Slug = ""
	a.Headline, a.BodyHTML = headline, body
	a.Source.OriginalURL = "https://theconversation.com/" + article.Slugify(headline) + "-" + id[len(id)-3:]
	prepared := *a
	return store.Entry{
		Received:    a,
		Prepared:    &prepared,
		StoryKey:    "theconversation.com/" + id[len(id)-3:],
		Problem:     problem,
		AutoPublish: auto && problem == "",
		Syndication: store.Syndication{CreditTop: "[first appeared in The Conversation]", CreditEnd: "Republished.", Canonical: store.CanonicalOriginal},
	}
}

func saveOne(t *testing.T, s *store.Store, srcID int64, e store.Entry) store.EntryResult {
	t.Helper()
	res, err := s.SaveEntries(context.Background(), srcID, []store.Entry{e})
	if err != nil {
		t.Fatal(err)
	}
	return res[0]
}

func TestInboxFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := newSource("https://theconversation.com/au/articles.atom")
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		syn := entry("tag:tc,2011:article/101", "First story", "<p>One</p>"+counter, false, "")
		v0, _ := s.Version(ctx)
		if got := saveOne(t, s, src.ID, syn); got != store.EntryNew {
			t.Fatalf("first save = %v, want EntryNew", got)
		}
		if v, _ := s.Version(ctx); v != v0 {
			t.Errorf("an inbox story changed the public site's version")
		}
		if _, total, _ := s.Articles(ctx, store.ArticleQuery{}); total != 0 {
			t.Errorf("an inbox story is on the site: %d articles", total)
		}
		if got := saveOne(t, s, src.ID, entry("tag:tc,2011:article/101", "First story", "<p>One</p>"+counter, false, "")); got != store.EntryUnchanged {
			t.Errorf("same entry again = %v, want EntryUnchanged", got)
		}
		blocked := entry("tag:tc,2011:article/102", "Second story", "<p>Two</p>", false, "the required element counter.theconversation.com/content/ is missing")
		if got := saveOne(t, s, src.ID, blocked); got != store.EntryNew {
			t.Fatalf("blocked save = %v", got)
		}

		inbox, err := s.Inbox(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(inbox) != 2 || inbox[0].Headline != "First story" || inbox[0].SourceName != "The Conversation" ||
			inbox[0].Problem != "" || inbox[1].Headline != "Second story" || !strings.Contains(inbox[1].Problem, "counter") {
			t.Fatalf("inbox = %+v", inbox)
		}

		// An editor publishes the first: it becomes an article with its credits.
		it, err := s.InboxItem(ctx, inbox[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if it.Received.BodyHTML != "<p>One</p>"+counter || it.Received.Headline != "First story" {
			t.Errorf("received copy = %q %q", it.Received.Headline, it.Received.BodyHTML)
		}
		a := it.Received
		if err := s.PublishInboxItem(ctx, it.ID, a, syn.Syndication); err != nil {
			t.Fatal(err)
		}
		pub, err := s.ArticleByPath(ctx, a.Path())
		if err != nil {
			t.Fatalf("published story not at %s: %v", a.Path(), err)
		}
		if pub.BodyHTML != "<p>One</p>"+counter || pub.Source.UpstreamID != "tag:tc,2011:article/101" {
			t.Errorf("published body %q upstream %q", pub.BodyHTML, pub.Source.UpstreamID)
		}
		credits, err := s.ArticleSyndication(ctx, pub.ID)
		if err != nil || credits.CreditTop != "[first appeared in The Conversation]" || credits.SourceID != src.ID ||
			credits.Canonical != store.CanonicalOriginal {
			t.Errorf("credits = %+v, %v", credits, err)
		}
		if err := s.PublishInboxItem(ctx, it.ID, a, syn.Syndication); !errors.Is(err, store.ErrConflict) {
			t.Errorf("publishing twice: %v, want ErrConflict", err)
		}
		if err := s.SkipInboxItem(ctx, it.ID); !errors.Is(err, store.ErrConflict) {
			t.Errorf("skipping a published story: %v, want ErrConflict", err)
		}

		// Skipped stories leave the inbox and stay out when they change.
		if err := s.SkipInboxItem(ctx, inbox[1].ID); err != nil {
			t.Fatal(err)
		}
		if got := saveOne(t, s, src.ID, entry("tag:tc,2011:article/102", "Second story", "<p>Two, fixed</p>", false, "")); got != store.EntryUnchanged {
			t.Errorf("change to a skipped story = %v, want EntryUnchanged", got)
		}
		if inbox, _ := s.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("inbox after publish and skip: %+v", inbox)
		}

		// A correction upstream updates the article in place and records a revision.
		fixed := entry("tag:tc,2011:article/101", "First story, corrected", "<p>One, corrected</p>"+counter, false, "")
		fixed.Prepared.Updated = pub.Updated.Add(2 * time.Hour)
		fixed.Received.Updated = fixed.Prepared.Updated
		v1, _ := s.Version(ctx)
		if got := saveOne(t, s, src.ID, fixed); got != store.EntryUpdated {
			t.Fatalf("correction = %v, want EntryUpdated", got)
		}
		after, err := s.ArticleByPath(ctx, pub.Path())
		if err != nil {
			t.Fatalf("corrected story moved from %s: %v", pub.Path(), err)
		}
		if after.ID != pub.ID || after.Headline != "First story, corrected" || after.BodyHTML != "<p>One, corrected</p>"+counter ||
			!after.Updated.After(after.Published) || !after.Updated.Equal(fixed.Prepared.Updated) {
			t.Errorf("after correction: id %d headline %q body %q published %v updated %v",
				after.ID, after.Headline, after.BodyHTML, after.Published, after.Updated)
		}
		if v, _ := s.Version(ctx); v <= v1 {
			t.Errorf("correction did not bump the version")
		}
		revs, err := s.ArticleRevisions(ctx, pub.ID)
		if err != nil || len(revs) != 1 || !slices.Equal(revs[0].Changed, []string{"headline", "body", "original URL"}) ||
			len(revs[0].OldBodySHA256) != 64 || !revs[0].NewUpdated.Equal(after.Updated) {
			t.Errorf("revisions = %+v, %v", revs, err)
		}

		// A correction without a later update time still shows as updated.
		again := entry("tag:tc,2011:article/101", "First story, corrected", "<p>One, corrected twice</p>"+counter, false, "")
		again.Prepared.Updated = pub.Updated
		s.SetClock(func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) })
		defer s.SetClock(time.Now)
		if got := saveOne(t, s, src.ID, again); got != store.EntryUpdated {
			t.Fatalf("undated correction = %v", got)
		}
		after2, _ := s.ArticleByID(ctx, pub.ID)
		if !after2.Updated.Equal(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("undated correction: Updated = %v, want the poll time", after2.Updated)
		}

		// A correction that breaks the rules is held; the article stays.
		broken := entry("tag:tc,2011:article/101", "First story, corrected", "<p>No counter</p>", false, "the required element counter.theconversation.com/content/ is missing")
		if got := saveOne(t, s, src.ID, broken); got != store.EntryHeld {
			t.Fatalf("rule-breaking correction = %v, want EntryHeld", got)
		}
		kept, _ := s.ArticleByID(ctx, pub.ID)
		if kept.BodyHTML != after2.BodyHTML {
			t.Errorf("held correction changed the body to %q", kept.BodyHTML)
		}
		inbox, _ = s.Inbox(ctx)
		if len(inbox) != 1 || inbox[0].Status != store.InboxPublished || !strings.HasPrefix(inbox[0].Problem, "correction not applied: ") {
			t.Errorf("held correction not shown to editors: %+v", inbox)
		}
	})
}

func TestSaveEntriesAutoAndDedup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := newSource("https://globalvoices.org/feed/")
		src.Mode = store.ModeAuto
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		res, err := s.SaveEntries(ctx, src.ID, []store.Entry{
			entry("tag:gv/201", "Auto story", "<p>A</p>", true, ""),
			entry("tag:gv/202", "Unlicensed story", "<p>B</p>", true, "no recognisable licence"),
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res, []store.EntryResult{store.EntryPublished, store.EntryNew}) {
			t.Errorf("results = %v, want [published new]", res)
		}
		list, total, _ := s.Articles(ctx, store.ArticleQuery{})
		if total != 1 || list[0].Headline != "Auto story" {
			t.Fatalf("articles = %d %+v", total, list)
		}

		// The same story under a new id but the same story key (a slug
		// changed upstream, or a second edition's feed) is not a new story.
		moved := entry("tag:gv-us/201", "Auto story", "<p>A</p>", true, "")
		moved.StoryKey = "theconversation.com/201"
		if got := saveOne(t, s, src.ID, moved); got != store.EntryUnchanged {
			t.Errorf("same story under another id = %v, want EntryUnchanged", got)
		}
		if _, total, _ := s.Articles(ctx, store.ArticleQuery{}); total != 1 {
			t.Errorf("duplicate published: %d articles", total)
		}

		// An article imported earlier with 'import feed' is adopted, not duplicated.
		old := sample("tag:tc,2011:article/777")
		old.Source.OriginalURL = "https://theconversation.com/old-777"
		if _, err := s.SaveImported(ctx, old); err != nil {
			t.Fatal(err)
		}
		adopt := entry("tag:tc,2011:article/777", old.Headline, old.BodyHTML, true, "")
		adopt.Prepared.Source.OriginalURL, adopt.Received.Source.OriginalURL = old.Source.OriginalURL, old.Source.OriginalURL
		adopt.Prepared.Published, adopt.Prepared.Updated = old.Published, old.Updated
		if got := saveOne(t, s, src.ID, adopt); got != store.EntryUnchanged {
			t.Errorf("adopted article = %v, want EntryUnchanged", got)
		}
		if _, total, _ := s.Articles(ctx, store.ArticleQuery{}); total != 2 {
			t.Errorf("adoption made a copy: %d articles", total)
		}
	})
}

// A feed is stored whole or not at all.
func TestSaveEntriesAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := newSource("https://theconversation.com/au/articles.atom")
		src.Mode = store.ModeAuto
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		good := entry("tag:tc/301", "Good", "<p>G</p>", true, "")
		bad := entry("tag:tc/302", "Bad", "<p>B</p>", true, "")
		bad.Prepared.Source.UpstreamID = "" // an importer bug: no key
		if _, err := s.SaveEntries(ctx, src.ID, []store.Entry{good, bad}); err == nil {
			t.Fatal("entry without upstream id saved")
		}
		if _, total, _ := s.Articles(ctx, store.ArticleQuery{}); total != 0 {
			t.Errorf("half a feed imported: %d articles", total)
		}
		if inbox, _ := s.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("half a feed in the inbox: %+v", inbox)
		}
	})
}

func TestDeleteSourceKeepsArticles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := newSource("https://globalvoices.org/feed/")
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		e := entry("tag:gv/401", "Kept", "<p>K</p>", true, "")
		e.Syndication.SourceID = src.ID
		saveOne(t, s, src.ID, e)
		saveOne(t, s, src.ID, entry("tag:gv/402", "Waiting", "<p>W</p>", false, ""))
		if err := s.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
		a, err := s.ArticleByPath(ctx, e.Prepared.Path())
		if err != nil {
			t.Fatalf("published story gone with its source: %v", err)
		}
		syn, err := s.ArticleSyndication(ctx, a.ID)
		if err != nil || syn.SourceID != 0 || syn.CreditEnd != "Republished." {
			t.Errorf("credits after source removal: %+v, %v", syn, err)
		}
		if inbox, _ := s.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("inbox of a removed source: %+v", inbox)
		}
	})
}

// A waiting story is judged again when the rules change, even if the
// feed did not; a held correction is forgotten when upstream goes back.
func TestInboxRejudged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := newSource("https://globalvoices.org/feed/")
		src.Mode = store.ModeAuto
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		if got := saveOne(t, s, src.ID, entry("tag:gv/501", "No licence yet", "<p>N</p>", true, "no recognisable licence")); got != store.EntryNew {
			t.Fatalf("unlicensed = %v", got)
		}
		if got := saveOne(t, s, src.ID, entry("tag:gv/501", "No licence yet", "<p>N</p>", true, "")); got != store.EntryPublished {
			t.Fatalf("same story once licensed = %v, want EntryPublished", got)
		}
		if inbox, _ := s.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("inbox: %+v", inbox)
		}

		saveOne(t, s, src.ID, entry("tag:gv/501", "No licence yet", "<p>Broken</p>", true, "required element missing"))
		if inbox, _ := s.Inbox(ctx); len(inbox) != 1 {
			t.Fatalf("held correction not listed: %+v", inbox)
		}
		if got := saveOne(t, s, src.ID, entry("tag:gv/501", "No licence yet", "<p>N</p>", true, "")); got != store.EntryUnchanged {
			t.Errorf("back to the published version = %v, want EntryUnchanged", got)
		}
		if inbox, _ := s.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("held correction still listed after upstream went back: %+v", inbox)
		}
	})
}
