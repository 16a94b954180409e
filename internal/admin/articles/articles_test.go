package articles_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/article"
	"masthead/internal/store"
)

// imported stores a story as a feed would bring it, under licence.
func imported(t *testing.T, st *store.Store, id string, licence article.Licence) *article.Article {
	t.Helper()
	a := &article.Article{
		Headline: "Why would Islamic State attack Russia?", BodyHTML: "<p>It appears almost certain.</p>",
		Authors: []article.Author{article.ParseAuthor("Greg Barton, Chair in Global Islamic Politics, Deakin University")},
		Source: article.Source{Name: "The Conversation", HomeURL: "https://theconversation.com",
			OriginalURL: "https://theconversation.com/x-" + id, UpstreamID: "tag:tc/" + id},
		Licence:   licence,
		Tags:      []string{"Russia"},
		Published: time.Date(2024, 3, 24, 3, 40, 21, 0, time.UTC),
	}
	if _, err := st.SaveImported(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

var (
	byND = article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"}
	byCC = article.Licence{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}
)

var editedID = regexp.MustCompile(`^/admin/articles/([0-9]+)\?done=([a-z]+)`)

func TestOwnArticlePreviewPublish(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		if err := e.st.SetSetting(ctx, "site_licence", "CC BY 4.0"); err != nil {
			t.Fatal(err)
		}
		b := e.signIn(admin.RoleEditor)
		p := b.get("/admin/articles/new")
		mustContain(t, "the new article page", p.body, `value="Test Editor"`,
			`<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>`, `value="preview"`, `value="publish"`)

		md := "Our council met **at last**.\n\n<script>alert('md')</script>\n\n[a trap](javascript:alert(1)) and <img src=x onerror=alert(2)>\n\n## What next\n\nMore."
		form := url.Values{"headline": {"Council meets"}, "summary": {"It met."}, "authors": {"Ed Editor, Ann Other"},
			"tags": {"Local, Council"}, "markdown": {md}, "action": {"preview"}}
		p = b.post("/admin/articles", form)
		if p.status != http.StatusOK {
			t.Fatalf("preview = %d\n%s", p.status, p.body)
		}
		mustContain(t, "the preview", p.body, "<strong>at last</strong>", "<h2>What next</h2>", "(not saved)",
			`value="Council meets"`, "Our council met **at last**.")
		if preview := p.body[strings.Index(p.body, `id="preview"`):]; strings.Contains(preview, "<script") ||
			strings.Contains(preview, "javascript:") || strings.Contains(preview, "onerror") {
			t.Errorf("the rendered preview carries active content:\n%s", preview)
		}
		if _, total, _ := e.st.AllArticles(ctx, 10, 0); total != 0 {
			t.Fatal("a preview stored an article")
		}

		v0, _ := e.st.Version(ctx)
		form.Set("action", "publish")
		p = b.post("/admin/articles", form)
		m := editedID.FindStringSubmatch(p.location())
		if p.status != http.StatusSeeOther || m == nil || m[2] != "published" {
			t.Fatalf("publish = %d to %q\n%s", p.status, p.location(), p.body)
		}
		if v, _ := e.st.Version(ctx); v <= v0 {
			t.Error("publishing did not bump the change version")
		}
		rows, _, _ := e.st.AllArticles(ctx, 10, 0)
		if len(rows) != 1 {
			t.Fatalf("%d articles, want 1", len(rows))
		}
		path := rows[0].Path()
		a, err := e.st.ArticleByPath(ctx, path)
		if err != nil {
			t.Fatalf("the published article is not at %s: %v", path, err)
		}
		if !strings.Contains(a.BodyHTML, "<strong>at last</strong>") || strings.Contains(a.BodyHTML, "script") ||
			a.Licence != byCC || a.Source.Imported() || !slices.Equal(a.Tags, []string{"Council", "Local"}) || len(a.Authors) != 2 {
			t.Errorf("published article = %+v", a)
		}
		p = b.get(p.location())
		mustContain(t, "the editor after publishing", p.body, "Published: readers see it now.", `<a href="`+path+`">`,
			"Our council met **at last**.")

		// An edit: the Markdown is what the editor sees again.
		form.Set("markdown", "Our council met *again*.")
		form.Set("action", "save")
		if p = b.post("/admin/articles/"+m[1], form); p.status != http.StatusSeeOther {
			t.Fatalf("save = %d\n%s", p.status, p.body)
		}
		if a, _ := e.st.ArticleByPath(ctx, path); a == nil || a.BodyHTML != "<p>Our council met <em>again</em>.</p>\n" {
			t.Errorf("edited body = %q", a.BodyHTML)
		}
		mustContain(t, "the editor", b.get("/admin/articles/"+m[1]).body, ">Our council met *again*.</textarea>")

		// Mistakes come back with what was typed.
		bad := url.Values{"headline": {""}, "markdown": {"  "}, "tags": {"!!!"}, "action": {"save"}}
		p = b.post("/admin/articles", bad)
		if p.status != http.StatusUnprocessableEntity {
			t.Errorf("invalid article = %d, want 422", p.status)
		}
		mustContain(t, "the form with errors", p.body, "Enter a headline.", "Write the story.", `value="!!!"`, `aria-invalid="true"`)
	})
}

func TestDraftThenPublishFromList(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.signIn(admin.RoleEditor)
		p := b.post("/admin/articles", url.Values{"headline": {"A draft"}, "markdown": {"Not yet."}, "action": {"save"}})
		m := editedID.FindStringSubmatch(p.location())
		if m == nil || m[2] != "created" {
			t.Fatalf("save draft = %d to %q", p.status, p.location())
		}
		mustContain(t, "the draft", b.get(p.location()).body, "Saved as a draft", "Draft", "All rights reserved")
		rows, _, _ := e.st.AllArticles(ctx, 10, 0)
		if len(rows) != 1 || !rows[0].Draft {
			t.Fatalf("rows = %+v", rows)
		}
		if _, err := e.st.ArticleByPath(ctx, rows[0].Path()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a draft is public: %v", err)
		}
		mustContain(t, "the list", b.get("/admin/articles").body, "A draft", "Draft", "This site")

		p = b.post("/admin/articles/"+m[1]+"/publish", url.Values{"from": {"list"}, "page": {"1"}})
		if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location(), "/admin/articles?page=1&done=published") {
			t.Fatalf("publish from the list = %d to %q", p.status, p.location())
		}
		rows, _, _ = e.st.AllArticles(ctx, 10, 0)
		if _, err := e.st.ArticleByPath(ctx, rows[0].Path()); err != nil {
			t.Errorf("published draft not public: %v", err)
		}
		mustContain(t, "the list", b.get(p.location()).body, "Published: readers see it now.", `href="`+rows[0].Path()+`"`)
	})
}

func TestNoDerivativesEditRefused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		nd := imported(t, e.st, "nd", byND)
		b := e.signIn(admin.RoleEditor)
		const reason = "CC BY-ND 4.0 forbids changing this story&#39;s text; only unpublishing, tags and presentation may change."

		p := b.get("/admin/articles/" + itoa(nd.ID))
		mustContain(t, "the ND story's page", p.body, reason, "It appears almost certain.", "The Conversation")
		if strings.Contains(p.body, `name="body"`) {
			t.Error("the ND story's page offers to edit its text")
		}

		p = b.post("/admin/articles/"+itoa(nd.ID), url.Values{"body": {"<p>Improved by us.</p>"}, "action": {"save"}})
		if p.status != http.StatusConflict {
			t.Errorf("editing an ND story = %d, want 409", p.status)
		}
		mustContain(t, "the refusal", p.body, reason, `role="alert"`)
		if got, _ := e.st.ArticleByID(ctx, nd.ID); got.BodyHTML != nd.BodyHTML {
			t.Errorf("the refused edit changed the body to %q", got.BodyHTML)
		}

		// Tags and status may change under any licence.
		v0, _ := e.st.Version(ctx)
		if p = b.post("/admin/articles/"+itoa(nd.ID)+"/tags", url.Values{"tags": {"Terrorism, Europe"}}); p.status != http.StatusSeeOther {
			t.Fatalf("tags = %d\n%s", p.status, p.body)
		}
		mustContain(t, "the page after tagging", b.get(p.location()).body, "Tags saved.", `value="Europe, Terrorism"`)
		if got, _ := e.st.ArticleByID(ctx, nd.ID); !slices.Equal(got.Tags, []string{"Europe", "Terrorism"}) {
			t.Errorf("tags = %v", got.Tags)
		}
		if v, _ := e.st.Version(ctx); v <= v0 {
			t.Error("retagging did not bump the change version")
		}
		if p = b.post("/admin/articles/"+itoa(nd.ID)+"/tags", url.Values{"tags": {"???"}}); p.status != http.StatusUnprocessableEntity {
			t.Errorf("a tag without letters = %d, want 422", p.status)
		}

		if p = b.post("/admin/articles/"+itoa(nd.ID)+"/unpublish", nil); p.status != http.StatusSeeOther {
			t.Fatalf("unpublish = %d", p.status)
		}
		if _, err := e.st.ArticleByPath(ctx, nd.Path()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unpublished story still public: %v", err)
		}
		mustContain(t, "the page after unpublishing", b.get(p.location()).body, "Unpublished: readers no longer see it.")
		mustContain(t, "the list", b.get("/admin/articles").body, "Unpublished", "The Conversation", "CC BY-ND 4.0")
	})
}

func TestCCBYStoryEditKeepsAttribution(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		by := imported(t, e.st, "by", byCC)
		b := e.signIn(admin.RoleEditor)
		p := b.get("/admin/articles/" + itoa(by.ID))
		mustContain(t, "the CC BY story's page", p.body, `name="body"`, "The credits and the licence stay")

		edit := url.Values{"body": {`<p>It appears almost certain, we add.</p><script>alert(1)</script>`}}
		edit.Set("action", "preview")
		p = b.post("/admin/articles/"+itoa(by.ID), edit)
		mustContain(t, "the preview", p.body, "<p>It appears almost certain, we add.</p>", "(not saved)")
		if got, _ := e.st.ArticleByID(ctx, by.ID); got.BodyHTML != by.BodyHTML {
			t.Error("a preview saved the text")
		}
		edit.Set("action", "save")
		if p = b.post("/admin/articles/"+itoa(by.ID), edit); p.status != http.StatusSeeOther {
			t.Fatalf("save = %d\n%s", p.status, p.body)
		}
		got, _ := e.st.ArticleByPath(ctx, by.Path())
		if got == nil || got.BodyHTML != "<p>It appears almost certain, we add.</p>" {
			t.Fatalf("edited body = %+v", got)
		}
		if got.Licence != byCC || got.Source != by.Source || len(got.Authors) != 1 {
			t.Errorf("the edit changed the attribution: %+v %+v", got.Licence, got.Source)
		}
	})
}

func TestArticlesRolesCSRFAndEscaping(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		nd := imported(t, e.st, "nd", byND)
		mod := e.signIn(admin.RoleModerator)
		for _, path := range []string{"/admin/articles", "/admin/articles/new", "/admin/articles/" + itoa(nd.ID)} {
			if p := mod.get(path); p.status != http.StatusForbidden {
				t.Errorf("moderator GET %s = %d, want 403", path, p.status)
			}
		}
		if p := mod.post("/admin/articles/"+itoa(nd.ID)+"/unpublish", nil); p.status != http.StatusForbidden {
			t.Errorf("moderator unpublishing = %d, want 403", p.status)
		}

		ed := e.signIn(admin.RoleEditor)
		if p := ed.post("/admin/articles/"+itoa(nd.ID)+"/unpublish", url.Values{"csrf": {"forged"}}); p.status != http.StatusForbidden {
			t.Errorf("unpublish with a forged token = %d, want 403", p.status)
		}
		if _, err := e.st.ArticleByPath(ctx, nd.Path()); err != nil {
			t.Errorf("a request without a valid token unpublished the story: %v", err)
		}
		const evil = `<script>alert(1)</script>`
		p := ed.post("/admin/articles", url.Values{"headline": {evil}, "markdown": {"Text"}, "tags": {evil}, "action": {"publish"}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("publish = %d\n%s", p.status, p.body)
		}
		for _, path := range []string{"/admin/articles", p.location()} {
			body := ed.get(path).body
			if strings.Contains(body, evil) {
				t.Errorf("%s shows the headline as markup", path)
			}
			mustContain(t, path, body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		}
	})
}
