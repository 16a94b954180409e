package moderation_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
	"masthead/internal/comment"
)

// TestBrowserKeyboard moderates with the keys alone, and checks the queue
// fits a phone's screen.
func TestBrowserKeyboard(t *testing.T) {
	e := newEnv(t, admintest.SQLite(t), 25)
	e.User(admin.RoleModerator, "Mo Moderator", "mo@example.org")
	newest := e.comment(held("Ann", "Buy cheap watches at example.com, best prices!", "192.0.2.7", 3,
		"3 links (held at 2 or more)", "matches moderation key \"watches\""))
	second := e.comment(held("Bob", "I think the author is right about this,\nand here is why.", "198.51.100.4", 2,
		"no previously approved comment from this name and email (comment_previously_approved)"))
	third := e.comment(held("Cyd", "Thanks for writing this.", "2001:db8::1", 1, "form sent 900ms after it was served"))

	ctx := e.Chrome("mo@example.org")
	must := browsertest.Must(t)
	must(chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/comments"),
		chromedp.WaitVisible(chromedp.CSS("article.comment")),
	))
	browsertest.Screenshot(t, ctx, "queue")

	// j selects the newest; j again the second, which s marks as spam.
	must(chromedp.Do(ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("j")))
	current, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("article.comment.current").id`))
	must(err)
	if current != "c"+itoa(second.ID) {
		t.Fatalf("after j j the current comment is %q, want c%d", current, second.ID)
	}
	must(chromedp.Do(ctx, chromedp.KeyEvent("s"), noticeSays("marked as spam")))
	// Back on the reloaded page, j then a approves the newest. The spam
	// notice is still showing until the approval's page arrives, so wait for
	// the approval's own words.
	must(chromedp.Do(ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("a"), noticeSays("approved")))
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
		chromedp.Navigate(e.Server.URL+"/admin/comments"), chromedp.WaitVisible(chromedp.CSS("article.comment"))))
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	must(err)
	if overflow {
		t.Error("the queue is wider than a 375px screen")
	}
	browsertest.Screenshot(t, ctx, "queue-phone")
}

// noticeSays waits until the page's notice holds words and the page has
// loaded, so its deferred key script listens before the next key is sent.
func noticeSays(words string) chromedp.Action[chromedp.Void] {
	js := `document.readyState === "complete" && ` +
		`(document.querySelector(".notice") || {textContent: ""}).textContent.includes(` + strconv.Quote(words) + `)`
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, browsertest.Until(ctx, js, 10*time.Second)
	}
}
