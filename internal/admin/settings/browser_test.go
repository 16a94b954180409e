package settings_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/store/storetest"
)

// chrome starts a headless Chromium for one test. Without one the test is
// skipped, unless MASTHEAD_REQUIRE_BROWSER=1 (as in CI) makes that a failure.
func chrome(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("MASTHEAD_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found and MASTHEAD_REQUIRE_BROWSER=1")
		}
		t.Skip("no Chromium found; set MASTHEAD_REQUIRE_BROWSER=1 to make this a failure")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// screenshot keeps a picture of the page when MASTHEAD_SCREENSHOT_DIR is
// set, for a person to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("MASTHEAD_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// TestBrowserPhone: the settings page fits a phone's screen and its
// form works from a real browser.
func TestBrowserPhone(t *testing.T) {
	st := storetest.Open(t, "sqlite:"+filepath.Join(t.TempDir(), "masthead.db"))
	e := newEnv(t, st)
	ctx := chrome(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 740),
		chromedp.Navigate(e.srv.URL+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "ada@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
		chromedp.Navigate(e.srv.URL+"/admin/settings"),
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
	screenshot(t, ctx, "settings-phone")
	must(chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("comment_max_links"), "7"),
		chromedp.Click(chromedp.CSS("form.settings > button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	if stored, _ := st.Settings(t.Context()); stored["comment_max_links"] != "7" {
		t.Errorf("comment_max_links stored as %q, want 7", stored["comment_max_links"])
	}
}
