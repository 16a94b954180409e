package sources_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
)

// TestBrowserPhone walks the screens on a phone-sized screen in a real
// browser: nothing runs off the side, and keyboard focus reaches the
// actions.
func TestBrowserPhone(t *testing.T) {
	feed := feeds(t)
	e := newEnv(t, admintest.SQLite(t))
	b := e.SignInAs(admin.RoleEditor) // makes the account the browser signs in with
	id := addSource(t, b, sourceForm("The Conversation", feed.URL+"/tc.atom"))
	down := addSource(t, b, sourceForm("A source whose feed is down", feed.URL+"/broken"))
	b.Submit("/admin/sources/"+id+"/poll", nil)
	b.Submit("/admin/sources/"+down+"/poll", nil)

	ctx := e.Chrome("editor@example.org", chromedp.EmulateViewport(375, 740))
	must := browsertest.Must(t)
	for _, path := range []string{"/admin/sources", "/admin/sources/new", "/admin/sources/" + id, "/admin/inbox", "/admin/inbox/1"} {
		must(chromedp.Do(ctx,
			chromedp.Navigate(e.Server.URL+path),
			chromedp.WaitVisible(chromedp.CSS("main h1")),
		))
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		must(err)
		if overflow {
			t.Errorf("%s is wider than a 375px screen", path)
		}
		browsertest.Screenshot(t, ctx, "phone"+strings.ReplaceAll(path, "/", "-"))
	}

	// From the sources page, Tab reaches "Poll now" and Enter polls.
	must(chromedp.Do(ctx, chromedp.Navigate(e.Server.URL+"/admin/sources"), chromedp.WaitVisible(chromedp.CSS("main h1"))))
	for range 40 {
		must(chromedp.Do(ctx, chromedp.KeyEvent("\t")))
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
		must(err)
		if strings.HasPrefix(text, "Poll now") {
			break
		}
	}
	must(chromedp.Do(ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(".notice"))))
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".notice")))
	must(err)
	if !strings.Contains(notice, "Polled The Conversation") {
		t.Errorf("after Poll now by keyboard the page says %q", notice)
	}
}
