// Package browsertest starts the headless Chromium that page tests drive.
// Every package that tests pages in a real browser follows one rule for
// where that browser is, when its absence skips a test and when it fails
// one, the flags it runs with, and where screenshots go; keeping the rule
// here means CI's MASTHEAD_REQUIRE_BROWSER=1 means the same thing
// everywhere.
//
// It is test support: only _test.go files import it.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	// RequireEnv names the variable that, set to 1 (as CI does), turns a
	// missing Chromium from a skipped test into a failed one, so a broken
	// install cannot pass unnoticed.
	RequireEnv = "MASTHEAD_REQUIRE_BROWSER"
	// PathEnv names a Chromium to use in place of the one on PATH.
	PathEnv = "MASTHEAD_CHROMIUM"
	// Timeout bounds how long one test may drive its browser, so a page
	// that never shows what a step waits for fails the test instead of
	// hanging it.
	Timeout = 90 * time.Second
)

// Chromium is the path of the browser to drive: $MASTHEAD_CHROMIUM when
// set, else the first of Debian's, Ubuntu's and Google's names on PATH.
// Without one the test is skipped, or fails under MASTHEAD_REQUIRE_BROWSER=1.
// Tests that start several browsers call it first, to skip before doing
// any work.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(PathEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			missing(t, PathEnv+" names no Chromium: "+err.Error())
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "no Chromium found")
	return ""
}

func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s and %s=1", why, RequireEnv)
	}
	t.Skipf("%s; set %s=1 to make this a failure", why, RequireEnv)
}

// Options are the flags every test's Chromium runs with: headless; no
// sandbox, which needs privileges a CI container lacks; no GPU, which
// headless machines lack; no traffic of its own and no first-run dialogs,
// which would race the test; a fresh profile, so no test sees another's
// cookies; and a desktop-sized window, which phone tests shrink.
func Options(t testing.TB, path string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
}

// Start starts a Chromium with Options and then extra, for one test, and
// returns the context of its first tab. The browser is already running,
// bound to a context that ends after Timeout: a test may narrow a step's
// time with a context derived from the one returned without closing the
// browser. It stops when the test ends.
func Start(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(Options(t, Chromium(t)), extra...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, Timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	// The first run starts the browser and ties its life to ctx.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// Must turns a browser step's error into the test's failure, for tests
// that run many steps in a row.
func Must(t testing.TB) func(error) {
	return func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// Until waits for the JavaScript predicate js to hold on the tab's page.
// Unlike chromedp.Poll it lives through navigations: a step that submits a
// form leaves the old page standing (with its old text) until the new one
// arrives, and a poll bound to the old page errs when it goes. So it asks
// again after each error, until the predicate holds or within runs out.
func Until(ctx context.Context, js string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("still false")
			}
			return fmt.Errorf("waited %v for %s: %w", within, js, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
