package admin_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"masthead/internal/admin"
)

type fixedCount struct {
	n   int
	err error
}

func (f fixedCount) PendingCount(context.Context) (int, error) { return f.n, f.err }

// navLabels is the navigation a page shows, in order.
func navLabels(body string) []string {
	nav := regexp.MustCompile(`(?s)<nav class="sections".*?</nav>`).FindString(body)
	var out []string
	for _, m := range regexp.MustCompile(`<a href="[^"]+"[^>]*>([^<]+)</a>`).FindAllStringSubmatch(nav, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestNavShowsWhatTheRoleMayUse(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		stubScreens(e.Admin)
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		e.User(admin.RoleEditor, "Ed", "ed@example.org")
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		want := map[string]string{
			"mo@example.org":  "Comments",
			"ed@example.org":  "Comments Sources",
			"ada@example.org": "Comments Sources Settings Users",
		}
		for email, nav := range want {
			b := e.Browser()
			b.MustSignIn(email)
			p := b.Get("/admin/")
			if got := strings.Join(navLabels(p.Body), " "); got != nav {
				t.Errorf("%s sees nav %q, want %q", email, got, nav)
			}
			if !strings.Contains(p.Body, `<a class="waiting" href="/admin/comments">3 comments waiting</a>`) {
				t.Errorf("%s does not see the waiting count", email)
			}
			if !strings.Contains(p.Body, ">Sign out</button>") {
				t.Errorf("%s has no sign-out button", email)
			}
		}
		b := e.Browser()
		b.MustSignIn("ed@example.org")
		if p := b.Get("/admin/sources"); !strings.Contains(p.Body, "stub for Ed") {
			t.Error("a registered screen's handler does not see the signed-in user")
		}
	}, func(c *admin.Config) { c.Pending = fixedCount{n: 3} })
}

func TestWaitingSlot(t *testing.T) {
	cases := []struct {
		name    string
		pending admin.PendingCounter
		want    string
		absent  bool
	}{
		{"not wired", nil, `class="waiting"`, true},
		{"none", fixedCount{n: 0}, `<span class="waiting">No comments waiting</span>`, false},
		{"one", fixedCount{n: 1}, `<span class="waiting">1 comment waiting</span>`, false},
		{"failing counter hides the slot", fixedCount{err: errors.New("db down")}, `class="waiting"`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, e *env) {
				e.User(admin.RoleModerator, "Mo", "mo@example.org")
				b := e.Browser()
				b.MustSignIn("mo@example.org")
				p := b.Get("/admin/")
				if p.Status != http.StatusOK || strings.Contains(p.Body, tc.want) == tc.absent {
					t.Errorf("status %d; want %q present=%v", p.Status, tc.want, !tc.absent)
				}
			}, func(c *admin.Config) { c.Pending = tc.pending })
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.User(admin.RoleAdmin, "Ada", "ada@example.org")
		b := e.Browser()
		b.MustSignIn("ada@example.org")
		for _, path := range []string{"/admin/login", "/admin/", "/admin/users", "/admin/nope"} {
			p := b.Get(path)
			h := p.Header
			if h.Get("X-Frame-Options") != "DENY" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
				h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" ||
				h.Get("Cache-Control") != "no-store" {
				t.Errorf("%s headers: %v", path, h)
			}
		}
		if p := b.Get("/admin/nope"); p.Status != http.StatusNotFound || !strings.Contains(p.Body, "There is no page at this address.") {
			t.Errorf("unknown page = %d", p.Status)
		}
		p := b.Get("/admin/")
		css := regexp.MustCompile(`href="(/admin/static/admin\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(p.Body)
		if css == nil {
			t.Fatal("no stylesheet link")
		}
		anon := e.Browser()
		p = anon.Get(css[1])
		if p.Status != http.StatusOK || !strings.HasPrefix(p.Header.Get("Content-Type"), "text/css") ||
			!strings.Contains(p.Header.Get("Cache-Control"), "immutable") || !strings.Contains(p.Body, ":focus-visible") {
			t.Errorf("stylesheet = %d %v", p.Status, p.Header)
		}
	})
}

func TestOtherScreensRenderInTheLayout(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		screens := fstest.MapFS{
			"inbox.html":  {Data: []byte(`{{define "content"}}<h1>Inbox</h1><p>{{.Data.Count}} stories for {{.User.Name}}</p><form method="post" action="/admin/inbox">{{template "csrf" .}}</form>{{end}}`)},
			"broken.html": {Data: []byte(`{{define "content"}}{{.Data.Count`)},
			"plain.html":  {Data: []byte(`<p>no content block</p>`)},
		}
		if _, err := e.Admin.ParsePage(screens, "broken.html"); err == nil {
			t.Error("a broken template was accepted")
		}
		if _, err := e.Admin.ParsePage(screens, "plain.html"); err == nil {
			t.Error("a page without a content block was accepted")
		}
		inbox, err := e.Admin.ParsePage(screens, "inbox.html")
		if err != nil {
			t.Fatal(err)
		}
		e.Admin.HandleFunc("GET /admin/inbox", admin.RoleEditor, func(w http.ResponseWriter, r *http.Request) {
			e.Admin.Render(w, r, inbox, "Inbox", struct{ Count int }{4})
		})
		e.User(admin.RoleEditor, "Ed <Editor>", "ed@example.org")
		b := e.Browser()
		csrf := b.MustSignIn("ed@example.org")
		p := b.Get("/admin/inbox")
		for _, want := range []string{"<title>Inbox · Daily Test admin</title>", "<p>4 stories for Ed &lt;Editor&gt;</p>",
			`<a href="/admin/inbox" aria-current="page">Inbox</a>`, `<input type="hidden" name="csrf" value="` + csrf + `">`} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("inbox page lacks %s", want)
			}
		}
		defer func() {
			if recover() == nil {
				t.Error("a route outside /admin/ was accepted")
			}
		}()
		e.Admin.HandleFunc("GET /elsewhere", admin.RoleAdmin, func(http.ResponseWriter, *http.Request) {})
	})
}
