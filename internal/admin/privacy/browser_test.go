package privacy_test

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

// TestBrowserErase walks an erasure in a real browser on a phone-sized
// screen: the form, the question, the result.
func TestBrowserErase(t *testing.T) {
	st := storetest.Open(t, "sqlite:"+filepath.Join(t.TempDir(), "masthead.db"))
	e := newEnv(t, st)
	ann, _, _ := e.seed()
	ctx := chrome(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	fits := func(what string) {
		t.Helper()
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		must(err)
		if overflow {
			t.Errorf("%s is wider than a 375px screen", what)
		}
		screenshot(t, ctx, "privacy-"+what)
	}
	must(chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 740),
		chromedp.Navigate(e.srv.URL+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "ada@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
		chromedp.Navigate(e.srv.URL+"/admin/privacy"),
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
