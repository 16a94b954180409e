package moderation_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/admin/privacy"
	"masthead/internal/admin/settings"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestWiredLikeServe mounts the three screens together, as serve does:
// moderators moderate but cannot reach settings or privacy requests, and
// the waiting count shows on every page.
func TestWiredLikeServe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := comment.NewService(comment.Config{Store: st})
		e := newEnv(t, st, 25,
			func(adm *admin.Admin) error {
				return settings.Register(adm, settings.Deps{Comments: svc, Store: st, SiteName: "Daily Test", SiteURL: "https://daily.example"})
			},
			func(adm *admin.Admin) error {
				return privacy.Register(adm, privacy.Deps{Store: st, SiteName: "Daily Test", SiteURL: "https://daily.example"})
			})
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		c := e.comment(held("Ann", "hello", "192.0.2.1", 1, "held for review"))
		e.comment(held("Bob", "hi", "192.0.2.2", 2))

		mo := e.SignIn("mo@example.org")
		for path, want := range map[string]int{"/admin/comments": 200, "/admin/settings": 403, "/admin/privacy": 403} {
			if p := mo.Get(path); p.Status != want {
				t.Errorf("moderator: GET %s = %d, want %d", path, p.Status, want)
			}
		}
		for _, path := range []string{"/admin/settings", "/admin/privacy/export", "/admin/privacy/erase"} {
			if p := mo.Submit(path, url.Values{"email": {"ann@example.org"}, "comment_max_links": {"1"}}); p.Status != http.StatusForbidden {
				t.Errorf("moderator: POST %s = %d, want 403", path, p.Status)
			}
		}
		if p := mo.Get("/admin/"); strings.Contains(p.Body, `href="/admin/settings"`) || !strings.Contains(p.Body, `href="/admin/comments"`) {
			t.Error("the moderator's navigation is wrong")
		}
		if p := mo.Submit("/admin/comments/"+itoa(c.ID)+"/approve", nil); p.Status != http.StatusSeeOther {
			t.Errorf("moderator: approve = %d", p.Status)
		}

		ada := e.SignIn("ada@example.org")
		for _, path := range []string{"/admin/", "/admin/comments", "/admin/settings", "/admin/privacy"} {
			p := ada.Get(path)
			if p.Status != http.StatusOK || !strings.Contains(p.Body, "1 comment waiting") {
				t.Errorf("admin: GET %s = %d, or no waiting count", path, p.Status)
			}
		}
	})
}
