package admintest

import (
	"context"

	"github.com/chromedp/chromedp"

	"masthead/internal/browsertest"
)

// Chrome starts Chromium for the test (see browsertest.Start), runs setup
// (such as a phone-sized chromedp.EmulateViewport) and signs in as email
// with SignInChrome. A test that must watch the browser from its first page
// starts it itself and signs in after.
func (e *Env) Chrome(email string, setup ...chromedp.Action[chromedp.Void]) context.Context {
	e.T.Helper()
	ctx := browsertest.Start(e.T)
	if err := chromedp.Do(ctx, setup...); err != nil {
		e.T.Fatal(err)
	}
	if err := e.SignInChrome(ctx, email); err != nil {
		e.T.Fatalf("sign in as %s in Chromium: %v", email, err)
	}
	return ctx
}

// SignInChrome signs in as email with Password through the sign-in form in
// the browser of ctx, typing and clicking as a person would, and waits for
// the signed-in page.
func (e *Env) SignInChrome(ctx context.Context, email string) error {
	return chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), Password),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
	)
}
