package sources_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin"
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

// TestBrowserPhone walks the screens on a phone-sized screen in a real
// browser: nothing runs off the side, and keyboard focus reaches the
// actions.
func TestBrowserPhone(t *testing.T) {
	feed := feeds(t)
	e := newEnv(t, storetest.Open(t, "sqlite:"+filepath.Join(t.TempDir(), "masthead.db")))
	b := e.signIn(admin.RoleEditor) // makes the account the browser signs in with
	id := addSource(t, b, sourceForm("The Conversation", feed.URL+"/tc.atom"))
	down := addSource(t, b, sourceForm("A source whose feed is down", feed.URL+"/broken"))
	b.post("/admin/sources/"+id+"/poll", nil)
	b.post("/admin/sources/"+down+"/poll", nil)

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
		chromedp.SendKeys(chromedp.ID("email"), "editor@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
	))
	for _, path := range []string{"/admin/sources", "/admin/sources/new", "/admin/sources/" + id, "/admin/inbox", "/admin/inbox/1"} {
		must(chromedp.Do(ctx,
			chromedp.Navigate(e.srv.URL+path),
			chromedp.WaitVisible(chromedp.CSS("main h1")),
		))
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		must(err)
		if overflow {
			t.Errorf("%s is wider than a 375px screen", path)
		}
		screenshot(t, ctx, "phone"+strings.ReplaceAll(path, "/", "-"))
	}

	// From the sources page, Tab reaches "Poll now" and Enter polls.
	must(chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/admin/sources"), chromedp.WaitVisible(chromedp.CSS("main h1"))))
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
