package sources_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
)

// feeds serves the sample feed at /tc.atom, a second story at /other.atom
// whose body tries to run a script, and a broken feed at /broken.
func feeds(t *testing.T) *httptest.Server {
	t.Helper()
	sample, err := os.ReadFile("testdata/conversation-sample.atom")
	if err != nil {
		t.Fatal(err)
	}
	other := strings.ReplaceAll(string(sample), "226464", "999999")
	other = strings.Replace(other, "<title>Why would Islamic State", "<title>Another story: why would Islamic State", 1)
	other = strings.Replace(other, "&lt;p&gt;It appears", "&lt;script&gt;alert('inbox')&lt;/script&gt;&lt;p onclick=&quot;alert(2)&quot;&gt;It appears", 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/tc.atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(sample)
	})
	mux.HandleFunc("/other.atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write([]byte(other))
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "the feed is down", http.StatusInternalServerError)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// sourceForm is a valid add form for a feed on the test server.
func sourceForm(name, feedURL string) url.Values {
	return url.Values{
		"name": {name}, "feed_url": {feedURL}, "home_url": {"https://theconversation.com"},
		"licence": {""}, "mode": {"inbox"}, "canonical": {"canonical"}, "interval": {"30"},
		"allow_private": {"on"}, "required": {""}, "caption": {""},
		"credit_top": {""}, "credit_end": {""},
	}
}

var addedID = regexp.MustCompile(`^/admin/sources\?added=([0-9]+)$`)

// addSource adds a source through the form and returns its id.
func addSource(t *testing.T, b *admintest.Browser, form url.Values) string {
	t.Helper()
	p := b.Submit("/admin/sources", form)
	m := addedID.FindStringSubmatch(p.Location())
	if p.Status != http.StatusSeeOther || m == nil {
		t.Fatalf("add source = %d to %q\n%s", p.Status, p.Location(), p.Body)
	}
	return m[1]
}

func TestAddEditPollPublish(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.SignInAs(admin.RoleEditor)

		p := b.Get("/admin/sources/new")
		if p.Status != http.StatusOK {
			t.Fatalf("add page = %d", p.Status)
		}
		admintest.MustContain(t, "the add form", p.Body, `value="30"`, "This article is republished from {source}", `name="csrf"`)

		// Mistakes come back with what was typed, each pointed at.
		bad := sourceForm(" ", "ftp://example.org/feed")
		bad.Set("interval", "0")
		bad.Set("caption", "([unclosed")
		bad.Set("credit_top", "By {nobody}")
		bad.Set("licence", "https://")
		p = b.Submit("/admin/sources", bad)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid source = %d, want 422", p.Status)
		}
		admintest.MustContain(t, "the form with errors", p.Body,
			"Enter the source&#39;s name", "Enter the feed&#39;s address", "whole number of minutes",
			"Not a valid pattern", "unknown placeholder", "Not a licence masthead recognises",
			`value="ftp://example.org/feed"`, `value="([unclosed"`, `aria-invalid="true"`)
		if list, _ := e.Store.Sources(ctx); len(list) != 0 {
			t.Fatalf("an invalid source was stored: %+v", list[0])
		}

		id := addSource(t, b, sourceForm("The Conversation", feed.URL+"/tc.atom"))
		p = b.Get("/admin/sources?added=" + id)
		admintest.MustContain(t, "the sources page", p.Body, "Added <strong>The Conversation</strong>",
			"New stories wait in the inbox", "As the feed says", "Never", "Due now")
		if p = b.Submit("/admin/sources", sourceForm("Again", feed.URL+"/tc.atom")); p.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(p.Body, "exists already") {
			t.Errorf("a second source with the same feed = %d", p.Status)
		}

		// Edit: the form shows what is stored; a licence set sticks.
		p = b.Get("/admin/sources/" + id)
		admintest.MustContain(t, "the edit form", p.Body, `value="The Conversation"`, `value="`+feed.URL+`/tc.atom"`,
			"counter.theconversation.com/content/", `<option value="on" selected>`)
		edit := sourceForm("The Conversation (AU)", feed.URL+"/tc.atom")
		edit.Set("licence", "CC BY-ND 4.0")
		edit.Set("required", "counter.theconversation.com/content/")
		edit.Set("interval", "45")
		if p = b.Follow(b.Submit("/admin/sources/"+id, edit)); !strings.Contains(p.Body, "Saved <strong>The Conversation (AU)</strong>") {
			t.Error("the sources page does not confirm the edit")
		}
		srcs, _ := e.Store.Sources(ctx)
		if len(srcs) != 1 || srcs[0].Licence.Name != "CC BY-ND 4.0" || srcs[0].Interval.Minutes() != 45 || !srcs[0].AllowPrivateNetwork {
			t.Fatalf("stored source = %+v", srcs[0])
		}

		// Poll now: one new story, waiting in the inbox.
		p = b.Submit("/admin/sources/"+id+"/poll", nil)
		if p.Status != http.StatusSeeOther || !strings.Contains(p.Location(), "new=1") {
			t.Fatalf("poll now = %d to %q\n%s", p.Status, p.Location(), p.Body)
		}
		p = b.Get(p.Location())
		admintest.MustContain(t, "the poll result", p.Body, "Polled <strong>The Conversation (AU)</strong>: 1 new, 0 updated, 0 unchanged")
		if strings.Contains(p.Body, "The last poll failed") {
			t.Error("a successful poll shows an error")
		}

		p = b.Get("/admin/inbox")
		admintest.MustContain(t, "the inbox", p.Body, "Why would Islamic State attack Russia", "From <strong>The Conversation (AU)</strong>")
		items, err := e.Store.Inbox(ctx)
		if err != nil || len(items) != 1 {
			t.Fatalf("inbox = %v, %v", items, err)
		}
		item := itoa(items[0].ID)
		admintest.MustContain(t, "the inbox", p.Body, `href="/admin/inbox/`+item+`"`, `action="/admin/inbox/`+item+`/publish"`)

		p = b.Get("/admin/inbox/" + item)
		admintest.MustContain(t, "the preview", p.Body, "It appears almost certain", "This article is republished from",
			`alt="an outlined map of Russia"`, "CC BY-ND 4.0", "counter.theconversation.com")

		// Publish: the page links the new path, where readers find it.
		p = b.Submit("/admin/inbox/"+item+"/publish", nil)
		if p.Status != http.StatusSeeOther {
			t.Fatalf("publish = %d\n%s", p.Status, p.Body)
		}
		p = b.Get(p.Location())
		published, err := e.Store.ArticleByUpstreamID(ctx, "tag:theconversation.com,2011:article/226464")
		if err != nil {
			t.Fatal(err)
		}
		admintest.MustContain(t, "the inbox after publishing", p.Body, "Published <strong>Why would Islamic State",
			`<a href="`+published.Path()+`">`+published.Path()+`</a>`, "Nothing is waiting")
		if a, err := e.Store.ArticleByPath(ctx, published.Path()); err != nil || a.Licence.Name != "CC BY-ND 4.0" {
			t.Errorf("published article at %s: %v, %v", published.Path(), a, err)
		}

		// Polled again, the story is unchanged, not new.
		p = b.Submit("/admin/sources/"+id+"/poll", nil)
		if !strings.Contains(p.Location(), "unchanged=1") && !strings.Contains(p.Location(), "not_modified=1") {
			t.Errorf("second poll = %q, want the story unchanged", p.Location())
		}

		// Remove: the source goes, the article stays.
		if p = b.Follow(b.Submit("/admin/sources/"+id+"/remove", nil)); !strings.Contains(p.Body, "The source was removed") {
			t.Error("the sources page does not confirm the removal")
		}
		if list, _ := e.Store.Sources(ctx); len(list) != 0 {
			t.Error("the source was not removed")
		}
		if _, err := e.Store.ArticleByPath(ctx, published.Path()); err != nil {
			t.Errorf("removing the source took its published story: %v", err)
		}
	})
}

func TestSkipAndRefusedPublish(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.SignInAs(admin.RoleEditor)
		form := sourceForm("Other", feed.URL+"/other.atom")
		form.Set("required", "re:a-marker-no-story-has")
		id := addSource(t, b, form)
		b.Submit("/admin/sources/"+id+"/poll", nil)

		items, _ := e.Store.Inbox(ctx)
		if len(items) != 1 {
			t.Fatalf("inbox has %d stories, want 1", len(items))
		}
		item := itoa(items[0].ID)
		p := b.Get("/admin/inbox")
		admintest.MustContain(t, "the inbox", p.Body, "Cannot be published as it stands", "a-marker-no-story-has")

		// The body's script is gone from the preview; the text stays.
		p = b.Get("/admin/inbox/" + item)
		admintest.MustContain(t, "the preview", p.Body, "It appears almost certain")
		for _, bad := range []string{"alert('inbox')", "<script>alert", "onclick"} {
			if strings.Contains(p.Body, bad) {
				t.Errorf("the preview carries %q", bad)
			}
		}

		p = b.Submit("/admin/inbox/"+item+"/publish", nil)
		if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, "This story cannot be published: the source requires") {
			t.Errorf("publishing a story that breaks the rules = %d\n%s", p.Status, p.Body)
		}
		if _, err := e.Store.ArticleByUpstreamID(ctx, "tag:theconversation.com,2011:article/999999"); err == nil {
			t.Error("the refused story was published")
		}

		p = b.Follow(b.Submit("/admin/inbox/"+item+"/skip", nil))
		admintest.MustContain(t, "the inbox after skipping", p.Body, "Skipped.", "Nothing is waiting")
		if items, _ := e.Store.Inbox(ctx); len(items) != 0 {
			t.Errorf("the skipped story still waits: %+v", items[0])
		}
		if p = b.Submit("/admin/inbox/424242/publish", nil); p.Status != http.StatusNotFound {
			t.Errorf("publishing a missing story = %d, want 404", p.Status)
		}
	})
}

func TestBrokenFeedShowsLastError(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		b := e.SignInAs(admin.RoleEditor)
		id := addSource(t, b, sourceForm("Down", feed.URL+"/broken"))
		p := b.Submit("/admin/sources/"+id+"/poll", nil)
		if p.Status != http.StatusSeeOther || !strings.Contains(p.Location(), "failed=1") {
			t.Fatalf("polling a broken feed = %d to %q", p.Status, p.Location())
		}
		p = b.Get(p.Location())
		admintest.MustContain(t, "the sources page", p.Body, "Polling <strong>Down</strong> failed:", "The last poll failed:</strong>", "500")

		// Without private networks allowed, the loopback feed is refused, and
		// the page says so.
		form := sourceForm("Down", feed.URL+"/broken")
		form.Set("allow_private", "")
		b.Submit("/admin/sources/"+id, form)
		p = b.Get(b.Submit("/admin/sources/"+id+"/poll", nil).Location())
		admintest.MustContain(t, "the sources page", p.Body, "refused to connect", "loopback")
	})
}

func TestSourcesRolesCSRFAndEscaping(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		mod := e.SignInAs(admin.RoleModerator)
		for _, path := range []string{"/admin/sources", "/admin/sources/new", "/admin/inbox"} {
			if p := mod.Get(path); p.Status != http.StatusForbidden {
				t.Errorf("moderator GET %s = %d, want 403", path, p.Status)
			}
		}
		if p := mod.Submit("/admin/sources", sourceForm("Mod's", feed.URL+"/tc.atom")); p.Status != http.StatusForbidden {
			t.Errorf("moderator adding a source = %d, want 403", p.Status)
		}
		if p := mod.Get("/admin/"); strings.Contains(p.Body, `href="/admin/sources"`) {
			t.Error("the moderator's navigation offers Sources")
		}

		ed := e.SignInAs(admin.RoleEditor)
		if p := ed.Get("/admin/"); !strings.Contains(p.Body, `href="/admin/sources"`) || !strings.Contains(p.Body, `href="/admin/inbox"`) {
			t.Error("the editor's navigation lacks Sources or Inbox")
		}
		for _, form := range []url.Values{{"csrf": {""}}, {"csrf": {"forged"}}} {
			f := sourceForm("No token", feed.URL+"/tc.atom")
			f.Set("csrf", form.Get("csrf"))
			if p := ed.Submit("/admin/sources", f); p.Status != http.StatusForbidden {
				t.Errorf("add source with token %q = %d, want 403", form.Get("csrf"), p.Status)
			}
		}
		if list, _ := e.Store.Sources(ctx); len(list) != 0 {
			t.Fatal("a source was added without a valid token")
		}

		const evil = `<script>alert(1)</script>`
		id := addSource(t, ed, sourceForm(evil, feed.URL+"/tc.atom"))
		for _, path := range []string{"/admin/sources", "/admin/sources/" + id} {
			p := ed.Get(path)
			if strings.Contains(p.Body, evil) {
				t.Errorf("%s shows the name as markup", path)
			}
			admintest.MustContain(t, path, p.Body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		}
		ed.Submit("/admin/sources/"+id+"/poll", nil)
		if p := ed.Get("/admin/inbox"); strings.Contains(p.Body, evil) || !strings.Contains(p.Body, "&lt;script&gt;") {
			t.Error("the inbox shows the source's name as markup")
		}
		src, _ := e.Store.SourceByID(ctx, mustID(t, id))
		if src.Name != evil {
			t.Errorf("stored name = %q", src.Name)
		}
	})
}
