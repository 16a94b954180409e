package apikeys_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/store"
)

var shownKey = regexp.MustCompile(`<code class="key">([0-9a-f]{24})</code>`)

func TestMakeListRevoke(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.SignInAs(admin.RoleAdmin)
		p := b.Get("/admin/api-keys")
		admintest.MustContain(t, "the keys page", p.Body, "No keys yet.", `value="1000"`)

		p = b.Submit("/admin/api-keys", url.Values{"site": {"https://blog.example.org"}, "rate_limit": {"60"}})
		if p.Status != http.StatusCreated {
			t.Fatalf("make key = %d\n%s", p.Status, p.Body)
		}
		m := shownKey.FindStringSubmatch(p.Body)
		if m == nil {
			t.Fatal("the new key is not shown")
		}
		key := m[1]
		admintest.MustContain(t, "the page with the new key", p.Body, "New key for https://blog.example.org", "it is not shown again")
		k, err := e.Store.APIKey(ctx, key)
		if err != nil || k.Site != "https://blog.example.org" || k.RateLimit != 60 || k.Revoked {
			t.Fatalf("stored key = %+v, %v", k, err)
		}

		// The API's calls are counted; the list shows the counts, never the key.
		err = e.Store.AddAPIKeyUsage(ctx, []store.APIKeyUsage{{Key: key, Month: "2026-03",
			Counts: store.APIKeyCounts{Calls: 17, Spam: 5, Ham: 12, MissedSpam: 2, FalsePositives: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		p = b.Get("/admin/api-keys")
		if strings.Contains(p.Body, key) {
			t.Error("the list shows the key again")
		}
		admintest.MustContain(t, "the list", p.Body, "https://blog.example.org", "<code>"+key[:4]+"…</code>", "<td>60</td>",
			"<td>17</td><td>5</td><td>12</td>", "<td>2</td><td>1</td>")

		// Revoke, by a handle that is not the key.
		action := regexp.MustCompile(`action="(/admin/api-keys/[0-9a-f]{16}/revoke)"`).FindStringSubmatch(p.Body)
		if action == nil || strings.Contains(action[1], key) {
			t.Fatalf("no revoke form, or one naming the key: %v", action)
		}
		p = b.Submit(action[1], nil)
		if p.Status != http.StatusSeeOther || strings.Contains(p.Location(), key) {
			t.Fatalf("revoke = %d to %q", p.Status, p.Location())
		}
		p = b.Get(p.Location())
		admintest.MustContain(t, "the list after revoking", p.Body, "Revoked the key of <strong>https://blog.example.org</strong>", "Revoked</span>")
		if k, _ := e.Store.APIKey(ctx, key); !k.Revoked {
			t.Error("the key is not revoked")
		}
		if p = b.Submit("/admin/api-keys/0123456789abcdef/revoke", nil); p.Status != http.StatusNotFound {
			t.Errorf("revoking an unknown key = %d, want 404", p.Status)
		}

		// Mistakes come back with what was typed; no key is made.
		p = b.Submit("/admin/api-keys", url.Values{"site": {"javascript:alert(1)"}, "rate_limit": {"-1"}})
		if p.Status != http.StatusUnprocessableEntity {
			t.Errorf("invalid key form = %d, want 422", p.Status)
		}
		admintest.MustContain(t, "the form with errors", p.Body, "Enter the site&#39;s address", "0 for no limit, up to", `value="-1"`)
		if shownKey.MatchString(p.Body) {
			t.Error("a key was shown for an invalid form")
		}
		if keys, _ := e.Store.APIKeys(ctx); len(keys) != 1 {
			t.Errorf("%d keys stored, want 1", len(keys))
		}
	})
}

func TestAPIKeysRolesCSRFAndEscaping(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		for _, role := range []admin.Role{admin.RoleModerator, admin.RoleEditor} {
			b := e.SignInAs(role)
			if p := b.Get("/admin/api-keys"); p.Status != http.StatusForbidden {
				t.Errorf("%s GET /admin/api-keys = %d, want 403", role, p.Status)
			}
			if p := b.Submit("/admin/api-keys", url.Values{"site": {"https://x.example"}, "rate_limit": {"1"}}); p.Status != http.StatusForbidden {
				t.Errorf("%s making a key = %d, want 403", role, p.Status)
			}
			if p := b.Get("/admin/"); strings.Contains(p.Body, `href="/admin/api-keys"`) {
				t.Errorf("the %s's navigation offers API keys", role)
			}
		}
		b := e.SignInAs(admin.RoleAdmin)
		if p := b.Get("/admin/"); !strings.Contains(p.Body, `href="/admin/api-keys"`) {
			t.Error("the admin's navigation lacks API keys")
		}
		if p := b.Submit("/admin/api-keys", url.Values{"csrf": {""}, "site": {"https://x.example"}, "rate_limit": {"1"}}); p.Status != http.StatusForbidden {
			t.Errorf("making a key without a token = %d, want 403", p.Status)
		}
		if keys, _ := e.Store.APIKeys(ctx); len(keys) != 0 {
			t.Fatal("a key was made without a token")
		}

		const evil = `https://x.example/<script>alert(1)</script>`
		if err := e.Store.CreateAPIKey(ctx, &store.APIKey{Key: "abcdef0123456789abcdef01", Site: evil}); err != nil {
			t.Fatal(err)
		}
		p := b.Get("/admin/api-keys")
		if strings.Contains(p.Body, "<script>alert(1)") {
			t.Error("the list shows a site as markup")
		}
		admintest.MustContain(t, "the list", p.Body, "&lt;script&gt;alert(1)&lt;/script&gt;")
	})
}
