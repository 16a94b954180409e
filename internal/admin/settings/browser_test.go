package settings_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
)

// TestBrowserPhone: the settings page fits a phone's screen and its
// form works from a real browser.
func TestBrowserPhone(t *testing.T) {
	st := admintest.SQLite(t)
	e := newEnv(t, st)
	ctx := e.Chrome("ada@example.org", chromedp.EmulateViewport(375, 740))
	must := browsertest.Must(t)
	must(chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/settings"),
		chromedp.WaitVisible(chromedp.ID("comment_max_links")),
	))
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	must(err)
	if overflow {
		t.Error("the settings page is wider than a 375px screen")
	}
	must(chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("comment_max_links"), "x"),
		chromedp.Click(chromedp.CSS("form.settings > button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".field-error")),
	))
	browsertest.Screenshot(t, ctx, "settings-phone")
	must(chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("comment_max_links"), "7"),
		chromedp.Click(chromedp.CSS("form.settings > button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	if stored, _ := st.Settings(t.Context()); stored["comment_max_links"] != "7" {
		t.Errorf("comment_max_links stored as %q, want 7", stored["comment_max_links"])
	}
}
