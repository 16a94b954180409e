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
	"masthead/internal/admin/admintest"
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
		if err := e.Store.SetSetting(ctx, "site_licence", "CC BY 4.0"); err != nil {
			t.Fatal(err)
		}
		b := e.SignInAs(admin.RoleEditor)
		p := b.Get("/admin/articles/new")
		admintest.MustContain(t, "the new article page", p.Body, `value="Test Editor"`,
			`<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>`, `value="preview"`, `value="publish"`)

		md := "Our council met **at last**.\n\n<script>alert('md')</script>\n\n[a trap](javascript:alert(1)) and <img src=x onerror=alert(2)>\n\n## What next\n\nMore."
		form := url.Values{"headline": {"Council meets"}, "summary": {"It met."}, "authors": {"Ed Editor, Ann Other"},
			"tags": {"Local, Council"}, "markdown": {md}, "action": {"preview"}}
		p = b.Submit("/admin/articles", form)
		if p.Status != http.StatusOK {
			t.Fatalf("preview = %d\n%s", p.Status, p.Body)
		}
		admintest.MustContain(t, "the preview", p.Body, "<strong>at last</strong>", "<h2>What next</h2>", "(not saved)",
			`value="Council meets"`, "Our council met **at last**.")
		if preview := p.Body[strings.Index(p.Body, `id="preview"`):]; strings.Contains(preview, "<script") ||
			strings.Contains(preview, "javascript:") || strings.Contains(preview, "onerror") {
			t.Errorf("the rendered preview carries active content:\n%s", preview)
		}
		if _, total, _ := e.Store.AllArticles(ctx, 10, 0); total != 0 {
			t.Fatal("a preview stored an article")
		}

		v0, _ := e.Store.Version(ctx)
		form.Set("action", "publish")
		p = b.Submit("/admin/articles", form)
		m := editedID.FindStringSubmatch(p.Location())
		if p.Status != http.StatusSeeOther || m == nil || m[2] != "published" {
			t.Fatalf("publish = %d to %q\n%s", p.Status, p.Location(), p.Body)
		}
		if v, _ := e.Store.Version(ctx); v <= v0 {
			t.Error("publishing did not bump the change version")
		}
		rows, _, _ := e.Store.AllArticles(ctx, 10, 0)
		if len(rows) != 1 {
			t.Fatalf("%d articles, want 1", len(rows))
		}
		path := rows[0].Path()
		a, err := e.Store.ArticleByPath(ctx, path)
		if err != nil {
			t.Fatalf("the published article is not at %s: %v", path, err)
		}
		if !strings.Contains(a.BodyHTML, "<strong>at last</strong>") || strings.Contains(a.BodyHTML, "script") ||
			a.Licence != byCC || a.Source.Imported() || !slices.Equal(a.Tags, []string{"Council", "Local"}) || len(a.Authors) != 2 {
			t.Errorf("published article = %+v", a)
		}
		p = b.Get(p.Location())
		admintest.MustContain(t, "the editor after publishing", p.Body, "Published: readers see it now.", `<a href="`+path+`">`,
			"Our council met **at last**.")

		// An edit: the Markdown is what the editor sees again.
		form.Set("markdown", "Our council met *again*.")
		form.Set("action", "save")
		if p = b.Submit("/admin/articles/"+m[1], form); p.Status != http.StatusSeeOther {
			t.Fatalf("save = %d\n%s", p.Status, p.Body)
		}
		if a, _ := e.Store.ArticleByPath(ctx, path); a == nil || a.BodyHTML != "<p>Our council met <em>again</em>.</p>\n" {
			t.Errorf("edited body = %q", a.BodyHTML)
		}
		admintest.MustContain(t, "the editor", b.Get("/admin/articles/"+m[1]).Body, ">Our council met *again*.</textarea>")

		// Mistakes come back with what was typed.
		bad := url.Values{"headline": {""}, "markdown": {"  "}, "tags": {"!!!"}, "action": {"save"}}
		p = b.Submit("/admin/articles", bad)
		if p.Status != http.StatusUnprocessableEntity {
			t.Errorf("invalid article = %d, want 422", p.Status)
		}
		admintest.MustContain(t, "the form with errors", p.Body, "Enter a headline.", "Write the story.", `value="!!!"`, `aria-invalid="true"`)
	})
}

func TestDraftThenPublishFromList(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.SignInAs(admin.RoleEditor)
		p := b.Submit("/admin/articles", url.Values{"headline": {"A draft"}, "markdown": {"Not yet."}, "action": {"save"}})
		m := editedID.FindStringSubmatch(p.Location())
		if m == nil || m[2] != "created" {
			t.Fatalf("save draft = %d to %q", p.Status, p.Location())
		}
		admintest.MustContain(t, "the draft", b.Get(p.Location()).Body, "Saved as a draft", "Draft", "All rights reserved")
		rows, _, _ := e.Store.AllArticles(ctx, 10, 0)
		if len(rows) != 1 || !rows[0].Draft {
			t.Fatalf("rows = %+v", rows)
		}
		if _, err := e.Store.ArticleByPath(ctx, rows[0].Path()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a draft is public: %v", err)
		}
		admintest.MustContain(t, "the list", b.Get("/admin/articles").Body, "A draft", "Draft", "This site")

		p = b.Submit("/admin/articles/"+m[1]+"/publish", url.Values{"from": {"list"}, "page": {"1"}})
		if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location(), "/admin/articles?page=1&done=published") {
			t.Fatalf("publish from the list = %d to %q", p.Status, p.Location())
		}
		rows, _, _ = e.Store.AllArticles(ctx, 10, 0)
		if _, err := e.Store.ArticleByPath(ctx, rows[0].Path()); err != nil {
			t.Errorf("published draft not public: %v", err)
		}
		admintest.MustContain(t, "the list", b.Get(p.Location()).Body, "Published: readers see it now.", `href="`+rows[0].Path()+`"`)
	})
}

func TestNoDerivativesEditRefused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		nd := imported(t, e.Store, "nd", byND)
		b := e.SignInAs(admin.RoleEditor)
		const reason = "CC BY-ND 4.0 forbids changing this story&#39;s text; only unpublishing, tags and presentation may change."

		p := b.Get("/admin/articles/" + itoa(nd.ID))
		admintest.MustContain(t, "the ND story's page", p.Body, reason, "It appears almost certain.", "The Conversation")
		if strings.Contains(p.Body, `name="body"`) {
			t.Error("the ND story's page offers to edit its text")
		}

		p = b.Submit("/admin/articles/"+itoa(nd.ID), url.Values{"body": {"<p>Improved by us.</p>"}, "action": {"save"}})
		if p.Status != http.StatusConflict {
			t.Errorf("editing an ND story = %d, want 409", p.Status)
		}
		admintest.MustContain(t, "the refusal", p.Body, reason, `role="alert"`)
		if got, _ := e.Store.ArticleByID(ctx, nd.ID); got.BodyHTML != nd.BodyHTML {
			t.Errorf("the refused edit changed the body to %q", got.BodyHTML)
		}

		// Tags and status may change under any licence.
		v0, _ := e.Store.Version(ctx)
		if p = b.Submit("/admin/articles/"+itoa(nd.ID)+"/tags", url.Values{"tags": {"Terrorism, Europe"}}); p.Status != http.StatusSeeOther {
			t.Fatalf("tags = %d\n%s", p.Status, p.Body)
		}
		admintest.MustContain(t, "the page after tagging", b.Get(p.Location()).Body, "Tags saved.", `value="Europe, Terrorism"`)
		if got, _ := e.Store.ArticleByID(ctx, nd.ID); !slices.Equal(got.Tags, []string{"Europe", "Terrorism"}) {
			t.Errorf("tags = %v", got.Tags)
		}
		if v, _ := e.Store.Version(ctx); v <= v0 {
			t.Error("retagging did not bump the change version")
		}
		if p = b.Submit("/admin/articles/"+itoa(nd.ID)+"/tags", url.Values{"tags": {"???"}}); p.Status != http.StatusUnprocessableEntity {
			t.Errorf("a tag without letters = %d, want 422", p.Status)
		}

		if p = b.Submit("/admin/articles/"+itoa(nd.ID)+"/unpublish", nil); p.Status != http.StatusSeeOther {
			t.Fatalf("unpublish = %d", p.Status)
		}
		if _, err := e.Store.ArticleByPath(ctx, nd.Path()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unpublished story still public: %v", err)
		}
		admintest.MustContain(t, "the page after unpublishing", b.Get(p.Location()).Body, "Unpublished: readers no longer see it.")
		admintest.MustContain(t, "the list", b.Get("/admin/articles").Body, "Unpublished", "The Conversation", "CC BY-ND 4.0")
	})
}

func TestCCBYStoryEditKeepsAttribution(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		by := imported(t, e.Store, "by", byCC)
		b := e.SignInAs(admin.RoleEditor)
		p := b.Get("/admin/articles/" + itoa(by.ID))
		admintest.MustContain(t, "the CC BY story's page", p.Body, `name="body"`, "The credits and the licence stay")

		edit := url.Values{"body": {`<p>It appears almost certain, we add.</p><script>alert(1)</script>`}}
		edit.Set("action", "preview")
		p = b.Submit("/admin/articles/"+itoa(by.ID), edit)
		admintest.MustContain(t, "the preview", p.Body, "<p>It appears almost certain, we add.</p>", "(not saved)")
		if got, _ := e.Store.ArticleByID(ctx, by.ID); got.BodyHTML != by.BodyHTML {
			t.Error("a preview saved the text")
		}
		edit.Set("action", "save")
		if p = b.Submit("/admin/articles/"+itoa(by.ID), edit); p.Status != http.StatusSeeOther {
			t.Fatalf("save = %d\n%s", p.Status, p.Body)
		}
		got, _ := e.Store.ArticleByPath(ctx, by.Path())
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
		nd := imported(t, e.Store, "nd", byND)
		mod := e.SignInAs(admin.RoleModerator)
		for _, path := range []string{"/admin/articles", "/admin/articles/new", "/admin/articles/" + itoa(nd.ID)} {
			if p := mod.Get(path); p.Status != http.StatusForbidden {
				t.Errorf("moderator GET %s = %d, want 403", path, p.Status)
			}
		}
		if p := mod.Submit("/admin/articles/"+itoa(nd.ID)+"/unpublish", nil); p.Status != http.StatusForbidden {
			t.Errorf("moderator unpublishing = %d, want 403", p.Status)
		}

		ed := e.SignInAs(admin.RoleEditor)
		if p := ed.Submit("/admin/articles/"+itoa(nd.ID)+"/unpublish", url.Values{"csrf": {"forged"}}); p.Status != http.StatusForbidden {
			t.Errorf("unpublish with a forged token = %d, want 403", p.Status)
		}
		if _, err := e.Store.ArticleByPath(ctx, nd.Path()); err != nil {
			t.Errorf("a request without a valid token unpublished the story: %v", err)
		}
		const evil = `<script>alert(1)</script>`
		p := ed.Submit("/admin/articles", url.Values{"headline": {evil}, "markdown": {"Text"}, "tags": {evil}, "action": {"publish"}})
		if p.Status != http.StatusSeeOther {
			t.Fatalf("publish = %d\n%s", p.Status, p.Body)
		}
		for _, path := range []string{"/admin/articles", p.Location()} {
			body := ed.Get(path).Body
			if strings.Contains(body, evil) {
				t.Errorf("%s shows the headline as markup", path)
			}
			admintest.MustContain(t, path, body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		}
	})
}
