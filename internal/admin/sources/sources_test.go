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
func addSource(t *testing.T, b *browser, form url.Values) string {
	t.Helper()
	p := b.post("/admin/sources", form)
	m := addedID.FindStringSubmatch(p.location())
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("add source = %d to %q\n%s", p.status, p.location(), p.body)
	}
	return m[1]
}

func TestAddEditPollPublish(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.signIn(admin.RoleEditor)

		p := b.get("/admin/sources/new")
		if p.status != http.StatusOK {
			t.Fatalf("add page = %d", p.status)
		}
		mustContain(t, "the add form", p.body, `value="30"`, "This article is republished from {source}", `name="csrf"`)

		// Mistakes come back with what was typed, each pointed at.
		bad := sourceForm(" ", "ftp://example.org/feed")
		bad.Set("interval", "0")
		bad.Set("caption", "([unclosed")
		bad.Set("credit_top", "By {nobody}")
		bad.Set("licence", "https://")
		p = b.post("/admin/sources", bad)
		if p.status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid source = %d, want 422", p.status)
		}
		mustContain(t, "the form with errors", p.body,
			"Enter the source&#39;s name", "Enter the feed&#39;s address", "whole number of minutes",
			"Not a valid pattern", "unknown placeholder", "Not a licence masthead recognises",
			`value="ftp://example.org/feed"`, `value="([unclosed"`, `aria-invalid="true"`)
		if list, _ := e.st.Sources(ctx); len(list) != 0 {
			t.Fatalf("an invalid source was stored: %+v", list[0])
		}

		id := addSource(t, b, sourceForm("The Conversation", feed.URL+"/tc.atom"))
		p = b.get("/admin/sources?added=" + id)
		mustContain(t, "the sources page", p.body, "Added <strong>The Conversation</strong>",
			"New stories wait in the inbox", "As the feed says", "Never", "Due now")
		if p = b.post("/admin/sources", sourceForm("Again", feed.URL+"/tc.atom")); p.status != http.StatusUnprocessableEntity ||
			!strings.Contains(p.body, "exists already") {
			t.Errorf("a second source with the same feed = %d", p.status)
		}

		// Edit: the form shows what is stored; a licence set sticks.
		p = b.get("/admin/sources/" + id)
		mustContain(t, "the edit form", p.body, `value="The Conversation"`, `value="`+feed.URL+`/tc.atom"`,
			"counter.theconversation.com/content/", `<option value="on" selected>`)
		edit := sourceForm("The Conversation (AU)", feed.URL+"/tc.atom")
		edit.Set("licence", "CC BY-ND 4.0")
		edit.Set("required", "counter.theconversation.com/content/")
		edit.Set("interval", "45")
		if p = b.follow(b.post("/admin/sources/"+id, edit)); !strings.Contains(p.body, "Saved <strong>The Conversation (AU)</strong>") {
			t.Error("the sources page does not confirm the edit")
		}
		srcs, _ := e.st.Sources(ctx)
		if len(srcs) != 1 || srcs[0].Licence.Name != "CC BY-ND 4.0" || srcs[0].Interval.Minutes() != 45 || !srcs[0].AllowPrivateNetwork {
			t.Fatalf("stored source = %+v", srcs[0])
		}

		// Poll now: one new story, waiting in the inbox.
		p = b.post("/admin/sources/"+id+"/poll", nil)
		if p.status != http.StatusSeeOther || !strings.Contains(p.location(), "new=1") {
			t.Fatalf("poll now = %d to %q\n%s", p.status, p.location(), p.body)
		}
		p = b.get(p.location())
		mustContain(t, "the poll result", p.body, "Polled <strong>The Conversation (AU)</strong>: 1 new, 0 updated, 0 unchanged")
		if strings.Contains(p.body, "The last poll failed") {
			t.Error("a successful poll shows an error")
		}

		p = b.get("/admin/inbox")
		mustContain(t, "the inbox", p.body, "Why would Islamic State attack Russia", "From <strong>The Conversation (AU)</strong>")
		items, err := e.st.Inbox(ctx)
		if err != nil || len(items) != 1 {
			t.Fatalf("inbox = %v, %v", items, err)
		}
		item := itoa(items[0].ID)
		mustContain(t, "the inbox", p.body, `href="/admin/inbox/`+item+`"`, `action="/admin/inbox/`+item+`/publish"`)

		p = b.get("/admin/inbox/" + item)
		mustContain(t, "the preview", p.body, "It appears almost certain", "This article is republished from",
			`alt="an outlined map of Russia"`, "CC BY-ND 4.0", "counter.theconversation.com")

		// Publish: the page links the new path, where readers find it.
		p = b.post("/admin/inbox/"+item+"/publish", nil)
		if p.status != http.StatusSeeOther {
			t.Fatalf("publish = %d\n%s", p.status, p.body)
		}
		p = b.get(p.location())
		published, err := e.st.ArticleByUpstreamID(ctx, "tag:theconversation.com,2011:article/226464")
		if err != nil {
			t.Fatal(err)
		}
		mustContain(t, "the inbox after publishing", p.body, "Published <strong>Why would Islamic State",
			`<a href="`+published.Path()+`">`+published.Path()+`</a>`, "Nothing is waiting")
		if a, err := e.st.ArticleByPath(ctx, published.Path()); err != nil || a.Licence.Name != "CC BY-ND 4.0" {
			t.Errorf("published article at %s: %v, %v", published.Path(), a, err)
		}

		// Polled again, the story is unchanged, not new.
		p = b.post("/admin/sources/"+id+"/poll", nil)
		if !strings.Contains(p.location(), "unchanged=1") && !strings.Contains(p.location(), "not_modified=1") {
			t.Errorf("second poll = %q, want the story unchanged", p.location())
		}

		// Remove: the source goes, the article stays.
		if p = b.follow(b.post("/admin/sources/"+id+"/remove", nil)); !strings.Contains(p.body, "The source was removed") {
			t.Error("the sources page does not confirm the removal")
		}
		if list, _ := e.st.Sources(ctx); len(list) != 0 {
			t.Error("the source was not removed")
		}
		if _, err := e.st.ArticleByPath(ctx, published.Path()); err != nil {
			t.Errorf("removing the source took its published story: %v", err)
		}
	})
}

func TestSkipAndRefusedPublish(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.signIn(admin.RoleEditor)
		form := sourceForm("Other", feed.URL+"/other.atom")
		form.Set("required", "re:a-marker-no-story-has")
		id := addSource(t, b, form)
		b.post("/admin/sources/"+id+"/poll", nil)

		items, _ := e.st.Inbox(ctx)
		if len(items) != 1 {
			t.Fatalf("inbox has %d stories, want 1", len(items))
		}
		item := itoa(items[0].ID)
		p := b.get("/admin/inbox")
		mustContain(t, "the inbox", p.body, "Cannot be published as it stands", "a-marker-no-story-has")

		// The body's script is gone from the preview; the text stays.
		p = b.get("/admin/inbox/" + item)
		mustContain(t, "the preview", p.body, "It appears almost certain")
		for _, bad := range []string{"alert('inbox')", "<script>alert", "onclick"} {
			if strings.Contains(p.body, bad) {
				t.Errorf("the preview carries %q", bad)
			}
		}

		p = b.post("/admin/inbox/"+item+"/publish", nil)
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "This story cannot be published: the source requires") {
			t.Errorf("publishing a story that breaks the rules = %d\n%s", p.status, p.body)
		}
		if _, err := e.st.ArticleByUpstreamID(ctx, "tag:theconversation.com,2011:article/999999"); err == nil {
			t.Error("the refused story was published")
		}

		p = b.follow(b.post("/admin/inbox/"+item+"/skip", nil))
		mustContain(t, "the inbox after skipping", p.body, "Skipped.", "Nothing is waiting")
		if items, _ := e.st.Inbox(ctx); len(items) != 0 {
			t.Errorf("the skipped story still waits: %+v", items[0])
		}
		if p = b.post("/admin/inbox/424242/publish", nil); p.status != http.StatusNotFound {
			t.Errorf("publishing a missing story = %d, want 404", p.status)
		}
	})
}

func TestBrokenFeedShowsLastError(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		b := e.signIn(admin.RoleEditor)
		id := addSource(t, b, sourceForm("Down", feed.URL+"/broken"))
		p := b.post("/admin/sources/"+id+"/poll", nil)
		if p.status != http.StatusSeeOther || !strings.Contains(p.location(), "failed=1") {
			t.Fatalf("polling a broken feed = %d to %q", p.status, p.location())
		}
		p = b.get(p.location())
		mustContain(t, "the sources page", p.body, "Polling <strong>Down</strong> failed:", "The last poll failed:</strong>", "500")

		// Without private networks allowed, the loopback feed is refused, and
		// the page says so.
		form := sourceForm("Down", feed.URL+"/broken")
		form.Set("allow_private", "")
		b.post("/admin/sources/"+id, form)
		p = b.get(b.post("/admin/sources/"+id+"/poll", nil).location())
		mustContain(t, "the sources page", p.body, "refused to connect", "loopback")
	})
}

func TestSourcesRolesCSRFAndEscaping(t *testing.T) {
	feed := feeds(t)
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		mod := e.signIn(admin.RoleModerator)
		for _, path := range []string{"/admin/sources", "/admin/sources/new", "/admin/inbox"} {
			if p := mod.get(path); p.status != http.StatusForbidden {
				t.Errorf("moderator GET %s = %d, want 403", path, p.status)
			}
		}
		if p := mod.post("/admin/sources", sourceForm("Mod's", feed.URL+"/tc.atom")); p.status != http.StatusForbidden {
			t.Errorf("moderator adding a source = %d, want 403", p.status)
		}
		if p := mod.get("/admin/"); strings.Contains(p.body, `href="/admin/sources"`) {
			t.Error("the moderator's navigation offers Sources")
		}

		ed := e.signIn(admin.RoleEditor)
		if p := ed.get("/admin/"); !strings.Contains(p.body, `href="/admin/sources"`) || !strings.Contains(p.body, `href="/admin/inbox"`) {
			t.Error("the editor's navigation lacks Sources or Inbox")
		}
		for _, form := range []url.Values{{"csrf": {""}}, {"csrf": {"forged"}}} {
			f := sourceForm("No token", feed.URL+"/tc.atom")
			f.Set("csrf", form.Get("csrf"))
			if p := ed.post("/admin/sources", f); p.status != http.StatusForbidden {
				t.Errorf("add source with token %q = %d, want 403", form.Get("csrf"), p.status)
			}
		}
		if list, _ := e.st.Sources(ctx); len(list) != 0 {
			t.Fatal("a source was added without a valid token")
		}

		const evil = `<script>alert(1)</script>`
		id := addSource(t, ed, sourceForm(evil, feed.URL+"/tc.atom"))
		for _, path := range []string{"/admin/sources", "/admin/sources/" + id} {
			p := ed.get(path)
			if strings.Contains(p.body, evil) {
				t.Errorf("%s shows the name as markup", path)
			}
			mustContain(t, path, p.body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		}
		ed.post("/admin/sources/"+id+"/poll", nil)
		if p := ed.get("/admin/inbox"); strings.Contains(p.body, evil) || !strings.Contains(p.body, "&lt;script&gt;") {
			t.Error("the inbox shows the source's name as markup")
		}
		src, _ := e.st.SourceByID(ctx, mustID(t, id))
		if src.Name != evil {
			t.Errorf("stored name = %q", src.Name)
		}
	})
}
