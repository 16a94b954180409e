package admin

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
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

func TestBrowserSignIn(t *testing.T) {
	onSQLite(t, func(t *testing.T, e *env) {
		e.user(RoleAdmin, "Bea Browser", "bea@example.org")
		ctx := chrome(t)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(chromedp.Do(ctx,
			chromedp.Navigate(e.srv.URL+"/admin/login"),
			chromedp.WaitVisible(chromedp.ID("email")),
		))
		screenshot(t, ctx, "login")

		must(chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("email"), "bea@example.org"),
			chromedp.SendKeys(chromedp.ID("password"), testPassword),
			chromedp.Click(chromedp.CSS("main form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(".user-name")),
		))
		name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".user-name")))
		must(err)
		loc, err := chromedp.Run(ctx, chromedp.Location())
		must(err)
		if name != "Bea Browser" || loc != e.srv.URL+"/admin/" {
			t.Errorf("after signing in: %q at %s, want Bea Browser's dashboard", name, loc)
		}
		screenshot(t, ctx, "dashboard")

		// The first Tab reaches the skip link, and Enter on it moves focus
		// to the content: the page is usable by keyboard.
		must(chromedp.Do(ctx, chromedp.KeyEvent("\t")))
		focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
		must(err)
		if focused != "Skip to content" {
			t.Errorf("first Tab focuses %q, want the skip link", focused)
		}
		must(chromedp.Do(ctx, chromedp.KeyEvent("\r")))
		focused, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		must(err)
		if focused != "main" {
			t.Errorf("the skip link moved focus to %q, want main", focused)
		}

		// On a phone-sized screen nothing runs off the side (wide tables
		// scroll in their own box).
		must(chromedp.Do(ctx, chromedp.EmulateViewport(375, 740)))
		for _, path := range []string{"/admin/", "/admin/users"} {
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

		must(chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(".me button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(".notice")),
		))
		notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".notice")))
		must(err)
		if notice != "You have signed out." {
			t.Errorf("after signing out the page says %q", notice)
		}
	})
}

// onSQLite runs fn on a SQLite store only: one browser run is enough to
// show the pages work; the store's dialects are covered elsewhere.
func onSQLite(t *testing.T, fn func(t *testing.T, e *env)) {
	st := storetest.Open(t, "sqlite:"+filepath.Join(t.TempDir(), "masthead.db"))
	fn(t, newEnv(t, st))
}
