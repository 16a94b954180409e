package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"masthead/internal/browsertest"
	"masthead/internal/store/storetest"
)

// The editor who signs in, and the stories the test works with.
const (
	e2eEmail    = "edith@example.org"
	e2eName     = "Edith Editor"
	e2ePassword = "correct horse battery staple"

	e2eInboxHeadline = "Inbox copy: why would Islamic State attack Russia?"

	// e2eReadingTime is how long the test's readers take to write a
	// comment: the filter weighs a form sent within 3 s as a bot's.
	e2eReadingTime = 3500 * time.Millisecond
	// e2eVisible bounds how soon a change made in the back office shows on
	// the public site, as the comment and settings screens promise.
	e2eVisible = time.Second
	// e2eStep bounds one step in the browser; the whole run per dialect
	// has a minute.
	e2eStep = 15 * time.Second
)

// TestE2EBackOffice runs the real `masthead serve`, in-process through Run
// so that all its wiring is exercised, and works it as an editor would in
// a headless Chromium: sign in, moderate the comments readers left, publish
// a story from the inbox, change a discussion setting, and see each effect
// on the public site. Once per dialect.
func TestE2EBackOffice(t *testing.T) {
	browsertest.Chromium(t) // skip, or fail, before making the databases
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			start := time.Now()
			e2eBackOffice(t, db.URL)
			t.Logf("%s: end to end in %s", db.Dialect, time.Since(start).Round(10*time.Millisecond))
		})
	}
}

func e2eBackOffice(t *testing.T, db string) {
	// 1. What an operator does before starting the site: an admin account,
	// a story to comment on, and a source in inbox mode with a story waiting.
	e2eRun(t, "add the admin", map[string]string{"MASTHEAD_PASSWORD": e2ePassword},
		"user", "add", "--email", e2eEmail, "--name", e2eName, "--role", "admin", "--db", db)
	demoPath := strings.TrimSpace(e2eRun(t, "import the demo story", nil,
		"import", "feed", "../demo/conversation-sample.atom", "--db", db))
	feed := e2eFeedServer(t)
	srcID := strings.TrimSpace(e2eRun(t, "add the source", nil,
		"source", "add", "--name", "The Conversation", "--feed", feed+"/au/articles.atom",
		"--mode", "inbox", "--allow-private-network", "--db", db))
	if polled := e2eRun(t, "poll the source", nil, "source", "poll", srcID, "--db", db); !strings.Contains(polled, "1 new") {
		t.Fatalf("source poll printed %q, want the story as new", polled)
	}
	// The readers all write from 127.0.0.1, closer together than the
	// flood check (15 s by default) lets one address post.
	e2eRun(t, "turn off the flood check", nil, "settings", "set", "comment_flood_seconds", "0", "--db", db)

	// 2. Start the site.
	site := e2eServe(t, db)

	// Readers open the article: a first-time commenter and a link spammer,
	// who take their time; and a bot, which does not.
	reader, spammer, bot := newE2EReader(t), newE2EReader(t), newE2EReader(t)
	articleURL := site + demoPath
	plain := reader.openForm(t, articleURL)
	links := spammer.openForm(t, articleURL)
	served := time.Now()
	botForm := bot.openForm(t, articleURL)
	botForm.Set("comment", "Great article! Cheap casino bonus, free spins, win money now at http://casino.example/")
	botForm.Set("author", "Casino Bonus")
	botForm.Set("email", "bonus@casino.example")
	botForm.Set("url", "http://casino.example/")
	bot.post(t, botForm)

	ctx := e2eChrome(t)
	// Each step has its own time limit, so a page that lacks what a step
	// looks for fails that step, not the whole run's context.
	within := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, e2eStep) }
	fail := func(name string, err error) {
		t.Helper()
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("nothing happened within %s (is the page missing what this step waits for?): %w", e2eStep, err)
		}
		e2eScreenshot(t, ctx, "failed")
		t.Fatalf("%s: %v", name, err)
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := within()
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			fail(name, err)
		}
	}
	// load runs actions that make the browser load a page (a click on a
	// form's button, a link) and waits for that page.
	load := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := within()
		defer cancel()
		resp, err := chromedp.RunResponse(sctx, actions...)
		if err != nil {
			fail(name, err)
		}
		if resp.Status != http.StatusOK {
			fail(name, fmt.Errorf("%s answered %d", resp.URL, resp.Status))
		}
	}
	text := func(name, sel string) string {
		t.Helper()
		sctx, cancel := within()
		defer cancel()
		s, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			fail(name, fmt.Errorf("read %s: %w", sel, err))
		}
		return strings.Join(strings.Fields(s), " ")
	}
	eval := func(name, js string) bool {
		t.Helper()
		sctx, cancel := within()
		defer cancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[bool](js))
		if err != nil {
			fail(name, err)
		}
		return v
	}
	// eventually reloads a public page until js holds there, for at most
	// limit after since.
	eventually := func(name, pageURL, js string, since time.Time, limit time.Duration) {
		t.Helper()
		for {
			load(name, chromedp.Navigate(pageURL))
			if eval(name, js) {
				t.Logf("%s: seen %s after the change", name, time.Since(since).Round(time.Millisecond))
				return
			}
			if time.Since(since) > limit {
				fail(name, fmt.Errorf("not seen on %s within %s of the change", pageURL, limit))
			}
		}
	}

	// The browser is up while the readers write; they send their forms
	// when a person could have written them.
	time.Sleep(time.Until(served.Add(e2eReadingTime)))
	plainText := "Thank you for explaining who ISIS-K are. I had not known they were behind so many attacks in Europe."
	plain.Set("comment", plainText)
	plain.Set("author", "Rosa Reader")
	plain.Set("email", "rosa@example.net")
	reader.post(t, plain)
	spamText := "Cheap flights to Moscow! <a href=\"http://cheap-flights.example/\">best prices</a> " +
		"<a href=\"http://cheap-flights.example/deals\">deals today</a> <a href=\"http://cheap-flights.example/win\">win a trip</a>"
	links.Set("comment", spamText)
	links.Set("author", "Cheap Flights")
	links.Set("email", "deals@cheap-flights.example")
	links.Set("url", "http://cheap-flights.example/")
	spammer.post(t, links)
	list := e2eRun(t, "list the comments", nil, "comment", "list", "--db", db)
	t.Logf("comments as the filter left them:\n%s", list)
	plainID, plainStatus, plainWhy := e2eComment(t, list, "Rosa Reader")
	linksID, linksStatus, linksWhy := e2eComment(t, list, "Cheap Flights")
	botID, botStatus, botWhy := e2eComment(t, list, "Casino Bonus")
	if plainStatus != "pending" || !strings.Contains(plainWhy, "comment_previously_approved") {
		t.Fatalf("the first-time commenter's comment is %s (%s), want held for comment_previously_approved", plainStatus, plainWhy)
	}
	if linksStatus != "pending" || linksWhy == "" {
		t.Fatalf("the comment full of links is %s (%q), want held with reasons", linksStatus, linksWhy)
	}
	if botStatus != "spam" || botWhy == "" {
		t.Fatalf("the bot's comment is %s (%q), want spam with the filter's reasons", botStatus, botWhy)
	}

	// 3. Sign in.
	step("open the sign-in page",
		chromedp.Navigate(site+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), e2eEmail),
		chromedp.SendKeys(chromedp.ID("password"), e2ePassword))
	load("sign in", chromedp.Click(chromedp.CSS("main form button[type=submit]")))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != site+"/admin/" {
		t.Errorf("signing in led to %s, want the dashboard", loc)
	}
	if got := text("dashboard", ".user-name"); got != e2eName {
		t.Errorf("the dashboard greets %q, want %q", got, e2eName)
	}
	if got := text("dashboard", ".waiting-line"); got != "2 comments waiting" {
		t.Errorf("the dashboard says %q, want 2 comments waiting", got)
	}

	// 4. Approve the held comment; it shows on the article.
	load("open the article before moderation", chromedp.Navigate(articleURL))
	if eval("the article before moderation", e2eHasText("#comments", plainText)) {
		t.Fatal("the held comment shows on the public page before it is approved")
	}
	load("open the comments queue", chromedp.Navigate(site+"/admin/comments"))
	row := fmt.Sprintf("#c%d", plainID)
	if got := text("the held comment in the queue", row+" .why"); !strings.Contains(got, "Why held:") {
		t.Errorf("the queue shows the held comment's reasons as %q", got)
	}
	load("approve", chromedp.Click(chromedp.CSS(row+" button.act-approve")))
	approved := time.Now()
	if got := text("after approving", "main .notice"); got != "1 comment approved." {
		t.Errorf("after approving, the queue says %q", got)
	}
	eventually("the approved comment on the article", articleURL,
		e2eHasText("#comments .comment-content", plainText), approved, e2eVisible)

	// 5. Mark the comment full of links as spam. The Spam tab shows it,
	// with the reasons it was held, next to the bot's comment the filter
	// caught, with the filter's reasons.
	load("open the comments queue again", chromedp.Navigate(site+"/admin/comments"))
	load("mark as spam", chromedp.Click(chromedp.CSS(fmt.Sprintf("#c%d button.act-spam", linksID))))
	if got := text("after marking as spam", "main .notice"); got != "1 comment marked as spam." {
		t.Errorf("after marking as spam, the queue says %q", got)
	}
	if got := text("the emptied queue", "main .empty"); got != "No pending comments." {
		t.Errorf("with both held comments decided, the queue says %q", got)
	}
	load("open the Spam tab", chromedp.Click(chromedp.CSS(`nav.tabs a[href*="status=spam"]`)))
	if got := text("the Spam tab", `nav.tabs a[aria-current="page"]`); got != "Spam 2" {
		t.Errorf("the current tab is %q, want Spam with 2 comments", got)
	}
	for _, c := range []struct {
		id  int64
		why string
	}{{linksID, linksWhy}, {botID, botWhy}} {
		why := text("the reasons in the Spam tab", fmt.Sprintf("#c%d .why", c.id))
		if !strings.HasPrefix(why, "Why spam:") {
			t.Errorf("the Spam tab introduces comment %d's reasons as %q", c.id, why)
		}
		for _, reason := range strings.Split(c.why, "; ") {
			if !strings.Contains(why, reason) {
				t.Errorf("the Spam tab's reasons for comment %d, %q, miss %q", c.id, why, reason)
			}
		}
	}

	// 6. Poll the source, publish its story from the inbox, read it.
	load("open the sources", chromedp.Navigate(site+"/admin/sources"))
	load("poll now", chromedp.Click(chromedp.CSS("#source-"+srcID+` form[action$="/poll"] button`)))
	if got := text("after polling", "main .notice"); !strings.HasPrefix(got, "Polled The Conversation") {
		t.Errorf("after Poll now the sources page says %q", got)
	}
	load("open the inbox", chromedp.Navigate(site+"/admin/inbox"))
	if got := text("the inbox", "section.inbox-item h2"); got != e2eInboxHeadline {
		t.Fatalf("the inbox shows %q, want %q", got, e2eInboxHeadline)
	}
	load("publish", chromedp.Click(chromedp.CSS(`section.inbox-item form[action$="/publish"] button`)))
	if got := text("after publishing", "main .notice"); !strings.HasPrefix(got, "Published "+e2eInboxHeadline+" at /") {
		t.Fatalf("after publishing the inbox says %q", got)
	}
	path := text("the published story's path", "main .notice a")
	load("follow the published story's path", chromedp.Click(chromedp.CSS("main .notice a")))
	if got := text("the published story", "h1.story-title"); got != e2eInboxHeadline {
		t.Errorf("the page at %s is headed %q, want %q", path, got, e2eInboxHeadline)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != site+path {
		t.Errorf("following the link led to %s, want %s", loc, site+path)
	}

	// 7. Close comments on old articles; the 2024 story stops taking them.
	load("open the settings", chromedp.Navigate(site+"/admin/settings"))
	if eval("the settings form", `document.getElementById("close_comments_for_old_posts").checked`) {
		t.Fatal("comments on old articles are closed already")
	}
	step("fill in the settings",
		chromedp.Click(chromedp.ID("close_comments_for_old_posts")),
		// A double click selects the days (14 by default); typing replaces them.
		chromedp.DoubleClick(chromedp.ID("close_comments_days_old")),
		chromedp.SendKeys(chromedp.ID("close_comments_days_old"), "1"))
	if !eval("the filled-in settings", `document.getElementById("close_comments_for_old_posts").checked &&
		document.getElementById("close_comments_days_old").value === "1"`) {
		t.Fatal("fill in the settings: the form does not hold what was typed")
	}
	load("save the settings", chromedp.Click(chromedp.CSS(`form.settings > button[type=submit]`)))
	saved := time.Now()
	if got := text("after saving", "main .notice"); !strings.HasPrefix(got, "Settings saved.") {
		t.Errorf("after saving the settings page says %q", got)
	}
	if !eval("the saved settings", `document.getElementById("close_comments_for_old_posts").checked &&
		document.getElementById("close_comments_days_old").value === "1"`) {
		t.Error("the settings page does not show the saved values")
	}
	e2eScreenshot(t, ctx, "settings-saved")
	eventually("comments closed on the article", articleURL,
		`document.querySelector("#comments .comments-closed")?.textContent === "Comments are closed." &&
		 !document.getElementById("commentform")`, saved, e2eVisible)
	// The approved comment stays.
	if !eval("the closed article", e2eHasText("#comments .comment-content", plainText)) {
		t.Error("closing comments hid the approved comment")
	}

	// 8. A last look at the back office.
	load("open the Spam tab for the picture", chromedp.Navigate(site+"/admin/comments?status=spam"))
	e2eScreenshot(t, ctx, "spam-tab")
}

// e2eHasText is a script that tells whether an element matching sel
// contains text.
func e2eHasText(sel, text string) string {
	return fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).some(e => e.textContent.includes(%q))`, sel, text)
}

// e2eRun runs a masthead command that must succeed and returns its output.
func e2eRun(t *testing.T, what string, env map[string]string, args ...string) string {
	t.Helper()
	code, out, stderr := run(t, env, args...)
	if code != 0 {
		t.Fatalf("%s: masthead %s exited %d: %s", what, strings.Join(args, " "), code, stderr)
	}
	return out
}

// e2eComment finds the comment by author in `comment list` output: its id,
// status and reasons.
func e2eComment(t *testing.T, list, author string) (id int64, status, why string) {
	t.Helper()
	for _, line := range strings.Split(list, "\n") {
		f := strings.Split(line, "\t")
		if len(f) >= 4 && f[3] == author {
			if _, err := fmt.Sscan(f[0], &id); err != nil {
				t.Fatalf("comment list: %q: %v", line, err)
			}
			if len(f) > 4 {
				why = f[4]
			}
			return id, f[1], why
		}
	}
	t.Fatalf("comment list has no comment by %s:\n%s", author, list)
	return 0, "", ""
}

// e2eFeedServer serves a copy of the demo feed whose story is another one
// than the imported demo's: another id, link and headline.
func e2eFeedServer(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../demo/conversation-sample.atom")
	if err != nil {
		t.Fatal(err)
	}
	feed := string(data)
	for _, r := range []struct{ old, new string }{
		{"tag:theconversation.com,2011:article/226464", "tag:theconversation.com,2011:article/990001"},
		{"https://theconversation.com/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally-226464",
			"https://theconversation.com/inbox-copy-why-would-islamic-state-attack-russia-990001"},
	} {
		if !strings.Contains(feed, r.old) {
			t.Fatalf("the demo feed no longer has %q", r.old)
		}
		feed = strings.ReplaceAll(feed, r.old, r.new)
	}
	// The entry's headline (the feed has a title of its own before it).
	entry := strings.Index(feed, "<entry>")
	open := strings.Index(feed[max(entry, 0):], "<title>")
	end := strings.Index(feed[max(entry, 0):], "</title>")
	if entry < 0 || open < 0 || end < open {
		t.Fatal("the demo feed has no entry with a title")
	}
	feed = feed[:entry+open] + "<title>" + e2eInboxHeadline + feed[entry+end:]
	modified := time.Now().Add(-time.Hour)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/au/articles.atom" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml")
		http.ServeContent(w, r, "articles.atom", modified, strings.NewReader(feed))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// e2eServe starts `masthead serve` on a free port and returns its URL. The
// test's end stops it, as SIGINT would, and checks that it exits 0.
func e2eServe(t *testing.T, db string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &e2eAnnounce{addr: make(chan string, 1)}
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db},
			Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: logs, Getenv: func(string) string { return "" }})
	}()
	var addr string
	// Start-up trains the spam model, which takes a while under -race.
	select {
	case addr = <-out.addr:
	case code := <-done:
		t.Fatalf("serve exited %d before serving: %s", code, logs.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("serve printed no address within 60 s: %s", logs.String())
	}
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d after shutdown, want 0: %s", code, logs.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop after its context was cancelled")
		}
		if t.Failed() {
			t.Logf("serve's log:\n%s", logs.String())
		}
	})
	return "http://" + addr
}

// e2eAnnounce is serve's stdout: it hands over the address serve prints
// once it listens.
type e2eAnnounce struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string
}

func (a *e2eAnnounce) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.buf.Write(p)
	for {
		line, err := a.buf.ReadString('\n')
		if err != nil { // no whole line yet: keep it for the next write
			rest := line
			a.buf.Reset()
			a.buf.WriteString(rest)
			return len(p), nil
		}
		if _, addr, ok := strings.Cut(strings.TrimSpace(line), " on "); ok && strings.HasPrefix(line, "masthead: serving") {
			select {
			case a.addr <- addr:
			default:
			}
		}
	}
}

// e2eReader is a reader's browser without the browser: a cookie jar.
type e2eReader struct{ client *http.Client }

func newE2EReader(t *testing.T) *e2eReader {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &e2eReader{client: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// openForm fetches an article page and returns its comment form's fields
// as a browser would send them untouched.
func (r *e2eReader) openForm(t *testing.T, pageURL string) *e2eForm {
	t.Helper()
	resp, err := r.client.Get(pageURL)
	if err != nil {
		t.Fatalf("open %s: %v", pageURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("open %s: status %d", pageURL, resp.StatusCode)
	}
	doc, err := html.Parse(resp.Body)
	if err != nil {
		t.Fatalf("parse %s: %v", pageURL, err)
	}
	form := e2eFind(doc, func(n *html.Node) bool { return n.DataAtom == atom.Form && e2eAttr(n, "id") == "commentform" })
	if form == nil {
		t.Fatalf("%s has no #commentform", pageURL)
	}
	action, err := resp.Request.URL.Parse(e2eAttr(form, "action"))
	if err != nil || e2eAttr(form, "method") != "post" {
		t.Fatalf("#commentform on %s: action %q, method %q", pageURL, e2eAttr(form, "action"), e2eAttr(form, "method"))
	}
	v := url.Values{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		name := e2eAttr(n, "name")
		switch {
		case name == "":
		case n.DataAtom == atom.Textarea:
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				b.WriteString(c.Data)
			}
			v.Set(name, strings.TrimPrefix(b.String(), "\n"))
		case n.DataAtom == atom.Input:
			switch e2eAttr(n, "type") {
			case "checkbox", "radio":
				if e2eHasAttr(n, "checked") {
					v.Set(name, e2eAttr(n, "value"))
				}
			default:
				v.Set(name, e2eAttr(n, "value"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(form)
	for _, f := range []string{"comment", "author", "email", "comment_post_ID", "comment_token"} {
		if _, ok := v[f]; !ok {
			t.Fatalf("#commentform on %s has no %s field", pageURL, f)
		}
	}
	return &e2eForm{action: action.String(), page: resp.Request.URL.String(), fields: v}
}

// e2eForm is a comment form as a reader's browser holds it.
type e2eForm struct {
	action, page string
	fields       url.Values
}

func (f *e2eForm) Set(name, value string) { f.fields.Set(name, value) }

// post sends the form as the browser would, and expects to be sent back to
// the article.
func (r *e2eReader) post(t *testing.T, f *e2eForm) {
	t.Helper()
	form := f.fields
	page, _ := url.Parse(f.page)
	req, err := http.NewRequest(http.MethodPost, f.action, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", f.page)
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) masthead-e2e")
	resp, err := r.client.Do(req)
	if err != nil {
		t.Fatalf("post a comment by %s: %v", form.Get("author"), err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != page.Path {
		t.Fatalf("comment by %s: ended at %s with status %d:\n%s", form.Get("author"), resp.Request.URL, resp.StatusCode, body)
	}
}

func e2eFind(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := e2eFind(c, match); f != nil {
			return f
		}
	}
	return nil
}

func e2eAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func e2eHasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// e2eChrome starts a headless Chromium for one dialect's run, which has a
// minute from here. Host names other than the test's own addresses do not
// resolve, so the demo story's images fail at once instead of reaching
// out.
func e2eChrome(t *testing.T) context.Context {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	ctx := browsertest.Start(t, chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	ctx, cancel := context.WithDeadline(ctx, deadline)
	t.Cleanup(cancel)
	return ctx
}

// e2eScreenshot saves the page for a person to look at (see
// browsertest.Screenshot), named after the test and the dialect.
func e2eScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	browsertest.Screenshot(t, ctx, "e2e-"+strings.ReplaceAll(t.Name(), "/", "-")+"-"+name)
}
