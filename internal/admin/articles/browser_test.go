package articles_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
)

// TestBrowserPhone writes and previews an article on a phone-sized screen
// in a real browser: nothing runs off the side, and the keyboard alone
// gets from the headline to a preview.
func TestBrowserPhone(t *testing.T) {
	e := newEnv(t, admintest.SQLite(t))
	e.SignInAs(admin.RoleEditor) // makes the account the browser signs in with
	nd := imported(t, e.Store, "nd", byND)

	ctx := e.Chrome("editor@example.org", chromedp.EmulateViewport(375, 740))
	must := browsertest.Must(t)
	must(chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/articles/new"),
		chromedp.WaitVisible(chromedp.ID("headline")),
		chromedp.SendKeys(chromedp.ID("headline"), "Council meets"),
		chromedp.SendKeys(chromedp.ID("markdown"), "The council met **at last**."),
		chromedp.Focus(chromedp.ID("headline")),
		chromedp.KeyEvent("\r"), // Enter submits with the first button: Preview
		chromedp.WaitVisible(chromedp.ID("preview")),
	))
	html, err := chromedp.Run(ctx, chromedp.InnerHTML(chromedp.CSS("#preview .body")))
	must(err)
	if !strings.Contains(html, "<strong>at last</strong>") {
		t.Errorf("the preview shows %q", html)
	}
	browsertest.Screenshot(t, ctx, "phone-admin-articles-preview")
	if _, total, _ := e.Store.AllArticles(context.Background(), 10, 0); total != 1 { // the imported story only
		t.Error("Enter in the headline saved the article; it should only preview")
	}

	for _, path := range []string{"/admin/articles", "/admin/articles/new", "/admin/articles/" + strconv.FormatInt(nd.ID, 10)} {
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
}
