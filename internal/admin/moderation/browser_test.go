package moderation_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin"
	"masthead/internal/comment"
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

// TestBrowserKeyboard moderates with the keys alone, and checks the queue
// fits a phone's screen.
func TestBrowserKeyboard(t *testing.T) {
	st := storetest.Open(t, "sqlite:"+filepath.Join(t.TempDir(), "masthead.db"))
	e := newEnv(t, st, 25)
	e.user(admin.RoleModerator, "Mo Moderator", "mo@example.org")
	newest := e.comment(held("Ann", "Buy cheap watches at example.com, best prices!", "192.0.2.7", 3,
		"3 links (held at 2 or more)", "matches moderation key \"watches\""))
	second := e.comment(held("Bob", "I think the author is right about this,\nand here is why.", "198.51.100.4", 2,
		"no previously approved comment from this name and email (comment_previously_approved)"))
	third := e.comment(held("Cyd", "Thanks for writing this.", "2001:db8::1", 1, "form sent 900ms after it was served"))

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
		chromedp.SendKeys(chromedp.ID("email"), "mo@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
		chromedp.Navigate(e.srv.URL+"/admin/comments"),
		chromedp.WaitVisible(chromedp.CSS("article.comment")),
	))
	screenshot(t, ctx, "queue")

	// j selects the newest; j again the second, which s marks as spam.
	must(chromedp.Do(ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("j")))
	current, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("article.comment.current").id`))
	must(err)
	if current != "c"+itoa(second.ID) {
		t.Fatalf("after j j the current comment is %q, want c%d", current, second.ID)
	}
	must(chromedp.Do(ctx, chromedp.KeyEvent("s"), chromedp.WaitVisible(chromedp.CSS(".notice"))))
	// Back on the reloaded page, j then a approves the newest.
	must(chromedp.Do(ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("a"), chromedp.WaitVisible(chromedp.CSS(".notice"))))
	if e.load(second.ID).Status != comment.StatusSpam || e.load(newest.ID).Status != comment.StatusApproved ||
		e.load(third.ID).Status != comment.StatusPending {
		t.Errorf("after the keys: %s, %s, %s; want approved, spam, pending",
			e.load(newest.ID).Status, e.load(second.ID).Status, e.load(third.ID).Status)
	}
	// Keys typed into the search field are text, not commands.
	must(chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "jat")))
	if e.load(third.ID).Status != comment.StatusPending {
		t.Error("typing in the search field moderated a comment")
	}

	e.comment(held("Dee", "Another one with a rather long line that must wrap on a small screen: "+
		"https://example.org/a/very/long/path/that/does/not/break/easily/at/all/ever", "203.0.113.50", 4, "2 links (held at 2 or more)"))
	must(chromedp.Do(ctx, chromedp.EmulateViewport(375, 740),
		chromedp.Navigate(e.srv.URL+"/admin/comments"), chromedp.WaitVisible(chromedp.CSS("article.comment"))))
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	must(err)
	if overflow {
		t.Error("the queue is wider than a 375px screen")
	}
	screenshot(t, ctx, "queue-phone")
}
