package settings_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/admin/settings"
	"masthead/internal/comment"
)

func TestEverySettingIsOnThePage(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		b := e.SignIn("ada@example.org")
		p := b.Get("/admin/settings")
		if p.Status != http.StatusOK {
			t.Fatalf("settings: %d", p.Status)
		}
		form := formValues(t, p.Body)
		for _, k := range comment.Keys() {
			if _, ok := form[k.Name]; !ok && k.Name != "close_comments_for_old_posts" && k.Name != "comment_moderation" {
				t.Errorf("the form lacks %s", k.Name)
			}
			if !strings.Contains(p.Body, `id="`+k.Name+`"`) {
				t.Errorf("the page has no control for %s", k.Name)
			}
			if strings.Contains(p.Body, ">"+k.Name+"</label>") {
				t.Errorf("%s has no words of its own: add it to specs()", k.Name)
			}
		}
		for _, want := range []string{`type="checkbox" id="require_name_email" name="require_name_email" value="1" checked`,
			`<textarea id="moderation_keys"`, `name="site_name" value="Daily Test"`, `value="https://daily.example"`,
			`href="/admin/privacy"`} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
	})
}

func TestSaveSettings(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.SignIn("ada@example.org")
		form := formValues(t, b.Get("/admin/settings").Body)
		form.Set("csrf", b.CSRF)
		form.Set("comment_max_links", " 5 ")
		form.Del("require_name_email") // untick
		form.Set("comment_moderation", "1")
		form.Set("moderation_keys", "Viagra\r\n\r\n  casino \r\n")
		form.Set("comment_order", "desc")
		form.Set("site_name", "  The Daily  ")
		form.Set("site_url", "https://news.example.org/")
		p := b.Post("/admin/settings", form)
		if p.Status != http.StatusSeeOther || p.Header.Get("Location") != "/admin/settings?saved=1" {
			t.Fatalf("save: %d to %q\n%s", p.Status, p.Header.Get("Location"), p.Body)
		}
		stored, err := e.Store.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"comment_max_links": "5", "require_name_email": "0", "comment_moderation": "1",
			"moderation_keys": "viagra\ncasino", "comment_order": "desc",
			settings.SiteNameKey: "The Daily", settings.SiteURLKey: "https://news.example.org"}
		for k, v := range want {
			if stored[k] != v {
				t.Errorf("stored %s = %q, want %q", k, stored[k], v)
			}
		}
		// Only what changed is stored; the rest keeps following defaults.
		if _, ok := stored["comments_per_page"]; ok {
			t.Error("an unchanged setting was stored")
		}
		// The comment service sees it at once.
		set, err := e.svc.Settings(ctx)
		if err != nil || set.MaxLinks != 5 || !set.HoldAll || set.RequireNameEmail {
			t.Errorf("the service sees %+v, %v", set, err)
		}
		p = b.Get("/admin/settings?saved=1")
		if !strings.Contains(p.Body, "Settings saved") || !strings.Contains(p.Body, `name="comment_max_links" value="5"`) {
			t.Error("the page after saving does not say so or show the new value")
		}
	})
}

func TestBadValuesRerender(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.SignIn("ada@example.org")
		form := formValues(t, b.Get("/admin/settings").Body)
		form.Set("csrf", b.CSRF)
		form.Set("comment_max_links", "lots")
		form.Set("thread_comments_depth", "99")
		form.Set("comments_per_page", "20") // good, but nothing is saved while others are bad
		form.Set("site_url", "ftp://files.example")
		form.Set("site_name", `<script>alert("x")</script>`)
		p := b.Post("/admin/settings", form)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad values: %d", p.Status)
		}
		for _, want := range []string{
			"Nothing was saved: 3 fields need correcting",
			`name="comment_max_links" value="lots"`, "Enter a whole number from 0 to 1000.",
			`name="thread_comments_depth" value="99"`, "Enter a whole number from 2 to 10.",
			`name="site_url" value="ftp://files.example"`, "Enter the address readers use",
			`name="comments_per_page" value="20"`,
			`value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"`,
		} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if strings.Count(p.Body, "<script") != 1 {
			t.Error("the typed value runs as a script")
		}
		stored, _ := e.Store.Settings(ctx)
		for _, k := range []string{"comment_max_links", "comments_per_page", "site_name"} {
			if v, ok := stored[k]; ok {
				t.Errorf("%s was stored (%q) though the form had errors", k, v)
			}
		}
	})
}

// TestSiteURLWithPath: the site serves from the root of its address, so an
// address with a path is refused with the reason, not stored and ignored.
func TestSiteURLWithPath(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		b := e.SignIn("ada@example.org")
		form := formValues(t, b.Get("/admin/settings").Body)
		form.Set("csrf", b.CSRF)
		form.Set("site_url", "https://example.org/news/")
		p := b.Post("/admin/settings", form)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("an address with a path: %d", p.Status)
		}
		for _, want := range []string{`value="https://example.org/news/"`, "without a path, such as https://example.org."} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if stored, _ := e.Store.Settings(context.Background()); stored["site_url"] != "" {
			t.Errorf("site_url stored as %q", stored["site_url"])
		}
	})
}

func TestSettingsForAdministratorsOnly(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for _, email := range []string{"mo@example.org", "ed@example.org"} {
			b := e.SignIn(email)
			if p := b.Get("/admin/settings"); p.Status != http.StatusForbidden {
				t.Errorf("%s: GET = %d, want 403", email, p.Status)
			}
			if p := b.Post("/admin/settings", url.Values{"csrf": {b.CSRF}, "comment_max_links": {"9"}}); p.Status != http.StatusForbidden {
				t.Errorf("%s: POST = %d, want 403", email, p.Status)
			}
			if p := b.Get("/admin/"); strings.Contains(p.Body, `href="/admin/settings"`) {
				t.Errorf("%s sees Settings in the navigation", email)
			}
		}
		b := e.SignIn("ada@example.org")
		if p := b.Post("/admin/settings", url.Values{"comment_max_links": {"9"}}); p.Status != http.StatusForbidden {
			t.Errorf("POST without a token = %d, want 403", p.Status)
		}
		if stored, _ := e.Store.Settings(context.Background()); stored["comment_max_links"] != "" {
			t.Error("a refused request changed a setting")
		}
		if p := b.Get("/admin/"); !strings.Contains(p.Body, `href="/admin/settings"`) {
			t.Error("the administrator does not see Settings in the navigation")
		}
	})
}
