package privacy_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
)

// TestBrowserErase walks an erasure in a real browser on a phone-sized
// screen: the form, the question, the result.
func TestBrowserErase(t *testing.T) {
	st := admintest.SQLite(t)
	e := newEnv(t, st)
	ann, _, _ := e.seed()
	ctx := e.Chrome("ada@example.org", chromedp.EmulateViewport(375, 740))
	must := browsertest.Must(t)
	fits := func(what string) {
		t.Helper()
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		must(err)
		if overflow {
			t.Errorf("%s is wider than a 375px screen", what)
		}
		browsertest.Screenshot(t, ctx, "privacy-"+what)
	}
	must(chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/privacy"),
		chromedp.WaitVisible(chromedp.ID("email")),
	))
	fits("form")
	must(chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("email"), "ann@example.org"),
		chromedp.Click(chromedp.CSS(`button[formaction="/admin/privacy/erase"]`)),
		chromedp.WaitReady(chromedp.CSS(`input[name="confirm"]`)),
	))
	fits("confirm")
	must(chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	if c, err := st.Comment(t.Context(), ann.ID); err != nil || c.IP != "" || c.Author != "Anonymous" {
		t.Errorf("after erasing in the browser: %+v, %v", c, err)
	}
}
