package privacy_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// t0 is when the test article is published.
func t0() time.Time { return time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC) }

// seed stores an article with ann's comment (then marked spam and
// approved again) and bob's reply, and gives ann a back-office session.
func (e *env) seed() (ann, bob *comment.Comment, a *article.Article) {
	e.T.Helper()
	ctx := context.Background()
	a = &article.Article{Headline: "Russia’s war, explained", Slug: "war", BodyHTML: "<p>b</p>", Published: t0()}
	if err := e.Store.CreateArticle(ctx, a); err != nil {
		e.T.Fatal(err)
	}
	ann = &comment.Comment{ArticleID: a.ID, Author: "Ann Example", Email: "ann@example.org", URL: "https://ann.example",
		Content: "My considered view", IP: "192.0.2.44", UserAgent: "Firefox/140", Referrer: "https://search.example/?q=war",
		Status: comment.StatusApproved, Created: t0().Add(time.Hour), SpamReasons: []string{"matches moderation key \"192.0.2.44\""}}
	if err := e.Store.InsertComment(ctx, ann, 0); err != nil {
		e.T.Fatal(err)
	}
	bob = &comment.Comment{ArticleID: a.ID, ParentID: ann.ID, Author: "Bob", Email: "bob@example.org", Content: "Agreed",
		IP: "198.51.100.1", Status: comment.StatusApproved, Created: t0().Add(2 * time.Hour)}
	if err := e.Store.InsertComment(ctx, bob, 0); err != nil {
		e.T.Fatal(err)
	}
	for _, st := range []comment.Status{comment.StatusSpam, comment.StatusApproved} {
		if err := e.Store.SetCommentStatus(ctx, ann.ID, st, "mo@example.org"); err != nil {
			e.T.Fatal(err)
		}
	}
	return ann, bob, a
}

func TestExport(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ann, _, a := e.seed()
		b := e.SignIn("ada@example.org")
		p := b.Post("/admin/privacy/export", url.Values{"csrf": {b.CSRF}, "email": {"  ANN@example.org "}})
		if p.Status != http.StatusOK {
			t.Fatalf("export: %d\n%s", p.Status, p.Body)
		}
		if cd := p.Header.Get("Content-Disposition"); cd != `attachment; filename="personal-data-ann-example.org-2025-06-02.json"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		var doc struct {
			Email    string `json:"email"`
			Comments []struct {
				ID      int64  `json:"id"`
				IP      string `json:"ip_address"`
				UA      string `json:"user_agent"`
				Text    string `json:"text"`
				Status  string `json:"status"`
				Article struct {
					Headline, URL string
				} `json:"article"`
				History []struct{ From, To, By string } `json:"history"`
			} `json:"comments"`
			Account *struct{ Email string } `json:"account"`
		}
		if err := json.Unmarshal([]byte(p.Body), &doc); err != nil {
			t.Fatalf("the export is not JSON: %v\n%s", err, p.Body)
		}
		if doc.Email != "ann@example.org" || len(doc.Comments) != 1 || doc.Account != nil {
			t.Fatalf("export %+v", doc)
		}
		c := doc.Comments[0]
		if c.ID != ann.ID || c.IP != "192.0.2.44" || c.UA != "Firefox/140" || c.Text != "My considered view" || c.Status != "approved" {
			t.Errorf("comment %+v", c)
		}
		if c.Article.Headline != a.Headline || c.Article.URL != "https://daily.example"+a.Path() {
			t.Errorf("article %+v", c.Article)
		}
		if len(c.History) != 2 || c.History[0].To != "spam" || c.History[1].By != "mo@example.org" {
			t.Errorf("history %+v", c.History)
		}
		if strings.Contains(p.Body, "Agreed") || strings.Contains(p.Body, "198.51.100.1") {
			t.Error("the export holds someone else's comment")
		}

		// A staff member's own export has the account and sessions, and no secrets.
		p = b.Post("/admin/privacy/export", url.Values{"csrf": {b.CSRF}, "email": {"ada@example.org"}})
		if !strings.Contains(p.Body, `"role": "admin"`) || !strings.Contains(p.Body, `"signed_in_at"`) ||
			strings.Contains(p.Body, "argon2") || strings.Contains(p.Body, b.CSRF) {
			t.Errorf("the account export is wrong or holds secrets:\n%s", p.Body)
		}
	})
}

func TestEraseAnonymises(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		ann, bob, _ := e.seed()
		b := e.SignIn("ada@example.org")
		v0, _ := e.Store.Version(ctx)

		// First the question, and nothing changes.
		p := b.Post("/admin/privacy/erase", url.Values{"csrf": {b.CSRF}, "email": {"ann@example.org"}, "mode": {"anonymise"}})
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "1 comment by <strong>ann@example.org</strong> will be") ||
			!strings.Contains(p.Body, `name="confirm" value="yes"`) {
			t.Fatalf("no confirmation step: %d\n%s", p.Status, p.Body)
		}
		if c, _ := e.Store.Comment(ctx, ann.ID); c.Author != "Ann Example" {
			t.Fatal("asking changed the comment")
		}

		p = b.Post("/admin/privacy/erase", url.Values{"csrf": {b.CSRF}, "email": {"ann@example.org"}, "mode": {"anonymise"}, "confirm": {"yes"}})
		if p.Status != http.StatusSeeOther || p.Header.Get("Location") != "/admin/privacy?done=anonymise&n=1" {
			t.Fatalf("erase: %d to %q", p.Status, p.Header.Get("Location"))
		}
		c, err := e.Store.Comment(ctx, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Author != store.AnonymousAuthor || c.Email != "" || c.URL != "" || c.IP != "" || c.UserAgent != "" ||
			c.Referrer != "" || c.Content != "My considered view" || len(c.SpamReasons) != 0 {
			t.Errorf("after anonymising: %+v", c)
		}
		if c, _ := e.Store.Comment(ctx, bob.ID); c.Author != "Bob" || c.IP == "" {
			t.Errorf("bob's reply changed: %+v", c)
		}
		if v1, _ := e.Store.Version(ctx); v1 <= v0 {
			t.Error("erasing did not mark a change for the public pages")
		}
		if p := b.Get("/admin/privacy?done=anonymise&n=1"); !strings.Contains(p.Body, "1 comment anonymised.") {
			t.Error("no notice after erasing")
		}
	})
}

func TestEraseDeletes(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		ann, bob, _ := e.seed()
		b := e.SignIn("ada@example.org")
		p := b.Post("/admin/privacy/erase", url.Values{"csrf": {b.CSRF}, "email": {"ann@example.org"}, "mode": {"delete"}})
		if !strings.Contains(p.Body, "deleted for good") || !strings.Contains(p.Body, `name="mode" value="delete"`) {
			t.Fatalf("the question does not say the comments will be deleted:\n%s", p.Body)
		}
		p = b.Post("/admin/privacy/erase", url.Values{"csrf": {b.CSRF}, "email": {"ann@example.org"}, "mode": {"delete"}, "confirm": {"yes"}})
		if p.Status != http.StatusSeeOther {
			t.Fatalf("erase: %d", p.Status)
		}
		if _, err := e.Store.Comment(ctx, ann.ID); err != store.ErrNotFound {
			t.Errorf("ann's comment: %v, want it gone", err)
		}
		if c, err := e.Store.Comment(ctx, bob.ID); err != nil || c.ParentID != 0 {
			t.Errorf("bob's reply: %+v, %v; want it kept at the top level", c, err)
		}
		// Nothing left: the question says so and offers no button.
		p = b.Post("/admin/privacy/erase", url.Values{"csrf": {b.CSRF}, "email": {"ann@example.org"}})
		if !strings.Contains(p.Body, "nothing to erase") || strings.Contains(p.Body, `name="confirm"`) {
			t.Error("erasing an unknown address does not say there is nothing to erase")
		}
	})
}

func TestBadAddress(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		b := e.SignIn("ada@example.org")
		for _, path := range []string{"/admin/privacy/export", "/admin/privacy/erase"} {
			p := b.Post(path, url.Values{"csrf": {b.CSRF}, "email": {"not an address"}, "mode": {"delete"}})
			if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, `value="not an address"`) ||
				!strings.Contains(p.Body, "Enter an email address") || !strings.Contains(p.Body, `value="delete" selected`) {
				t.Errorf("%s with a bad address: %d", path, p.Status)
			}
		}
	})
}

func TestPrivacyForAdministratorsOnly(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		ann, _, _ := e.seed()
		for _, email := range []string{"mo@example.org", "ed@example.org"} {
			b := e.SignIn(email)
			if p := b.Get("/admin/privacy"); p.Status != http.StatusForbidden {
				t.Errorf("%s: GET = %d, want 403", email, p.Status)
			}
			for _, path := range []string{"/admin/privacy/export", "/admin/privacy/erase"} {
				p := b.Post(path, url.Values{"csrf": {b.CSRF}, "email": {"ann@example.org"}, "mode": {"delete"}, "confirm": {"yes"}})
				if p.Status != http.StatusForbidden || strings.Contains(p.Body, "192.0.2.44") {
					t.Errorf("%s: POST %s = %d, want 403", email, path, p.Status)
				}
			}
		}
		b := e.SignIn("ada@example.org")
		if p := b.Get("/admin/privacy"); p.Status != http.StatusOK {
			t.Errorf("admin: GET = %d", p.Status)
		}
		p := b.Post("/admin/privacy/erase", url.Values{"email": {"ann@example.org"}, "mode": {"delete"}, "confirm": {"yes"}})
		if p.Status != http.StatusForbidden {
			t.Errorf("erase without a token = %d, want 403", p.Status)
		}
		if p := b.Post("/admin/privacy/export", url.Values{"email": {"ann@example.org"}}); p.Status != http.StatusForbidden {
			t.Errorf("export without a token = %d, want 403", p.Status)
		}
		if _, err := e.Store.Comment(ctx, ann.ID); err != nil {
			t.Error("a refused request erased the comment")
		}
	})
}
