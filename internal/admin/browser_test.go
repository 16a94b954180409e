package admin_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
)

func TestBrowserSignIn(t *testing.T) {
	e := newEnv(t, admintest.SQLite(t))
	e.User(admin.RoleAdmin, "Bea Browser", "bea@example.org")
	ctx := browsertest.Start(t)
	must := browsertest.Must(t)
	must(chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
	))
	browsertest.Screenshot(t, ctx, "login")

	must(chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("email"), "bea@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), admintest.Password),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
	))
	name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".user-name")))
	must(err)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	if name != "Bea Browser" || loc != e.Server.URL+"/admin/" {
		t.Errorf("after signing in: %q at %s, want Bea Browser's dashboard", name, loc)
	}
	browsertest.Screenshot(t, ctx, "dashboard")

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

	must(chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".me button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".notice")))
	must(err)
	if notice != "You have signed out." {
		t.Errorf("after signing out the page says %q", notice)
	}
}
