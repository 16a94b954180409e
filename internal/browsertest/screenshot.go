package browsertest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// ScreenshotEnv names a directory that receives a copy of every
// screenshot, for a person (or CI's artefacts) to look at.
const ScreenshotEnv = "MASTHEAD_SCREENSHOT_DIR"

// ScreenshotDir is where screenshots go whether or not ScreenshotEnv is
// set: under the system's temporary directory, kept after the test (a
// failed run's last picture is what one wants to see) and overwritten by
// the next run.
func ScreenshotDir() string { return filepath.Join(os.TempDir(), "masthead-screenshots") }

// Screenshot saves the whole page as name.png in ScreenshotDir and in
// $MASTHEAD_SCREENSHOT_DIR when set, and returns the picture. Failures are
// logged and returned rather than fatal: most tests take pictures only for
// people to look at, and a test that checks the picture fails on the
// error itself.
func Screenshot(t testing.TB, ctx context.Context, name string) ([]byte, error) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return nil, err
	}
	dirs := []string{ScreenshotDir()}
	if d := os.Getenv(ScreenshotEnv); d != "" {
		dirs = append(dirs, d)
	}
	var errs []error
	for _, d := range dirs {
		p := filepath.Join(d, name+".png")
		err := os.MkdirAll(d, 0o755)
		if err == nil {
			err = os.WriteFile(p, png, 0o644)
		}
		if err != nil {
			t.Logf("screenshot %s: %v", name, err)
			errs = append(errs, err)
			continue
		}
		t.Logf("screenshot: %s", p)
	}
	return png, errors.Join(errs...)
}
