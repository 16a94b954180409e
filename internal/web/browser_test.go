package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/article"
	"masthead/internal/browsertest"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// testPNG is a stand-in for the story's photo, served by the test server
// because the real image host cannot be reached from here.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 675))
	for y := 0; y < 675; y++ {
		for x := 0; x < 1200; x++ {
			c := color.RGBA{R: 214, G: 226, B: 236, A: 255}
			if dx, dy := float64(x-600)/420, float64(y-330)/190; dx*dx+dy*dy < 1 {
				c = color.RGBA{R: 170, G: 40, B: 45, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// box is what the page reports about one element.
type box struct {
	Found, Visible bool
	Width, Height  float64
	Text           string
	ImageLoaded    bool
}

// inspectJS reports, for each selector, whether the element exists, has a
// size, is not hidden by CSS, and (for images) has really loaded.
const inspectJS = `(() => {
  const out = {};
  for (const sel of %s) {
    const e = document.querySelector(sel);
    if (!e) { out[sel] = {Found: false}; continue; }
    const r = e.getBoundingClientRect(), st = getComputedStyle(e);
    out[sel] = {
      Found: true, Width: r.width, Height: r.height,
      Visible: r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none" && Number(st.opacity) > 0,
      Text: (e.innerText || "").trim(),
      ImageLoaded: e.tagName === "IMG" ? (e.complete && e.naturalWidth > 0) : false,
    };
  }
  out.fontFamily = {Text: getComputedStyle(document.body).fontFamily};
  return out;
})()`

func TestBrowserShowsArticle(t *testing.T) {
	browsertest.Chromium(t) // skip, or fail, before making the stores
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		pic := testPNG(t)
		var site http.Handler
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/test-images/russia.png" {
				w.Header().Set("Content-Type", "image/png")
				w.Write(pic)
				return
			}
			site.ServeHTTP(w, r)
		}))
		defer ts.Close()
		a := save(t, st, referenceArticle(t, ts.URL+"/test-images/russia.png"))
		cfg := testConfig()
		cfg.BaseURL = ts.URL
		site = newServer(t, st, cfg)

		bctx := startChromium(t)

		selectors := []string{
			"h1.story-title",
			`.story-body figure img[alt="an outlined map of Russia"]`,
			".story-body figcaption",
			"p.byline",
			".story-body p",
			".story-body h2",
			"p.author-bio",
			"p.republished",
			"#comments h2",
			"#commentform",
			"textarea#comment",
			"input#author",
			"input#email",
			"input#url",
			"input#submit",
			"p.spam-notice",
		}
		sel, _ := json.Marshal(selectors)
		shot := func(name string) {
			t.Helper()
			png, err := browsertest.Screenshot(t, bctx, name+"-"+st.Dialect())
			if err != nil {
				t.Fatal(err)
			}
			if len(png) < 10000 {
				t.Errorf("%s screenshot is only %d bytes", name, len(png))
			}
		}
		err := chromedp.Do(bctx,
			chromedp.Navigate(ts.URL+a.Path()),
			chromedp.WaitVisible("#commentform"),
		)
		if err != nil {
			t.Fatalf("load the article in Chromium: %v", err)
		}
		raw, err := chromedp.Run(bctx, chromedp.Evaluate[[]byte](fmt.Sprintf(inspectJS, sel)))
		if err != nil {
			t.Fatal(err)
		}
		var boxes map[string]box
		if err := json.Unmarshal(raw, &boxes); err != nil {
			t.Fatal(err)
		}
		for _, s := range selectors {
			b := boxes[s]
			if !b.Found || !b.Visible {
				t.Errorf("%s: found %v, visible %v (%.0f×%.0f)", s, b.Found, b.Visible, b.Width, b.Height)
			}
		}
		if b := boxes[selectors[1]]; !b.ImageLoaded || b.Width < 300 {
			t.Errorf("the lead image did not load or is tiny: %+v", b)
		}
		if got := collapse(boxes["h1.story-title"].Text); got != refHeadline {
			t.Errorf("visible headline = %q", got)
		}
		if got := boxes["p.byline"].Text; got != "by Greg Barton, Deakin University, [This article first appeared in The Conversation, republished with permission]" {
			t.Errorf("visible byline = %q", got)
		}
		if f := boxes["fontFamily"].Text; !bytes.Contains([]byte(f), []byte("Georgia")) {
			t.Errorf("body font %q: the stylesheet did not apply", f)
		}
		shot("article")
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(ts.URL+a.Path()), chromedp.WaitVisible("#commentform")); err != nil {
			t.Fatal(err)
		}
		width, err := chromedp.Run(bctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
		if err != nil || width > 390 {
			t.Errorf("on a phone the page is %v px wide (%v): it scrolls sideways", width, err)
		}
		shot("article-mobile")
		// Two more stories, so the front page screenshot shows a real list.
		for i, h := range []string{"Council votes to reopen the riverside pool after two years", "Local library extends weekend opening hours"} {
			more := &article.Article{Slug: fmt.Sprintf("more-%d", i), Headline: h, BodyHTML: "<p>More.</p>",
				Summary: "A short summary of the story, as the front page shows it.", Authors: []article.Author{{Name: "Ana Reporter"}},
				Tags: []string{"Local"}, Published: a.Published.Add(-time.Duration(i+1) * time.Hour)}
			if i == 0 {
				more.Image = article.Image{URL: "/test-images/russia.png", Alt: "a red shape"}
			}
			save(t, st, more)
		}
		site.(*Server).Invalidate()
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/"),
			chromedp.WaitVisible(".card-title")); err != nil {
			t.Fatal(err)
		}
		shot("front")
	})
}

// TestBrowserComments comments as a reader does, in Chromium: types into
// the form and clicks Post Comment, sees the comment awaiting moderation;
// then, once it is approved, clicks Reply under it, finds the form moved
// there by the page's script, posts a reply and sees it held, threaded
// under the comment it answers.
func TestBrowserComments(t *testing.T) {
	browsertest.Chromium(t) // skip, or fail, before making the stores
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		var site *Server
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { site.ServeHTTP(w, r) }))
		defer ts.Close()
		a := save(t, st, referenceArticle(t, ts.URL+"/no-image.png"))
		cfg := testConfig()
		cfg.BaseURL = ts.URL
		cfg.Comments, cfg.Avatars = commentDeps(t, st, nil)
		site = newServer(t, st, cfg)
		// One reader posts twice in a minute here.
		if err := cfg.Comments.SetSetting(context.Background(), "comment_flood_seconds", "0"); err != nil {
			t.Fatal(err)
		}

		bctx := startChromium(t)
		eval := func(js string) string {
			t.Helper()
			s, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
			if err != nil {
				t.Fatalf("%s: %v", js, err)
			}
			return s
		}

		const first = "A first comment, typed in a real browser."
		err := chromedp.Do(bctx,
			chromedp.Navigate(ts.URL+a.Path()),
			chromedp.WaitVisible(chromedp.CSS("#commentform")),
			chromedp.SendKeys(chromedp.CSS("textarea#comment"), first),
			chromedp.SendKeys(chromedp.CSS("input#author"), "Browser Reader"),
			chromedp.SendKeys(chromedp.CSS("input#email"), "browser@example.org"),
			chromedp.Click(chromedp.CSS("#wp-comment-cookies-consent")),
			chromedp.Click(chromedp.CSS("input#submit")),
			chromedp.WaitVisible(chromedp.CSS(".comment-awaiting-moderation")),
		)
		if err != nil {
			t.Fatalf("post a comment: %v", err)
		}
		if got := eval(`document.querySelector(".comment-held").innerText`); !strings.Contains(got, first) ||
			!strings.Contains(got, "Your comment is awaiting moderation.") || !strings.Contains(got, "Browser Reader") {
			t.Errorf("the held comment reads %q", got)
		}
		c := onlyComment(t, st, first)

		// An editor approves it; the reader comes back and answers it.
		if err := st.SetCommentStatus(context.Background(), c.ID, comment.StatusApproved, "editor"); err != nil {
			t.Fatal(err)
		}
		site.Invalidate()
		anchor := "#" + c.Anchor()
		err = chromedp.Do(bctx,
			chromedp.Navigate(ts.URL+a.Path()),
			chromedp.WaitVisible(chromedp.CSS(anchor+" .comment-reply-link")),
		)
		if err != nil {
			t.Fatalf("reload: %v", err)
		}
		if n := eval(`String(document.querySelectorAll(".comment-awaiting-moderation").length)`); n != "0" {
			t.Errorf("%s comments still awaiting moderation after approval", n)
		}
		// The script filled in the details the reader asked to save.
		if got := eval(`document.querySelector("#author").value + "|" + document.querySelector("#email").value + "|" + document.querySelector("#wp-comment-cookies-consent").checked`); got != "Browser Reader|browser@example.org|true" {
			t.Errorf("saved details filled in as %q", got)
		}
		if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(anchor+" .comment-reply-link")), chromedp.WaitVisible(chromedp.CSS("#cancel-comment-reply-link"))); err != nil {
			t.Fatalf("click Reply: %v", err)
		}
		if got := eval(`[document.querySelector("` + anchor + `").nextElementSibling.id, document.querySelector("#comment_parent").value, document.querySelector("#reply-title").innerText, location.search].join("|")`); got != "respond|"+fmt.Sprint(c.ID)+"|Reply to Browser Reader|" {
			t.Errorf("after Reply: %q (want the form under the comment, answering it, with no reload)", got)
		}
		const reply = "A reply, threaded under the first."
		// Another reader at this browser: the saved details give way.
		eval(`document.querySelector("#author").value = document.querySelector("#email").value = ""`)
		err = chromedp.Do(bctx,
			chromedp.SendKeys(chromedp.CSS("input#author"), "Second Reader"),
			chromedp.SendKeys(chromedp.CSS("input#email"), "second@example.org"),
			chromedp.SendKeys(chromedp.CSS("textarea#comment"), reply),
			chromedp.Click(chromedp.CSS("input#submit")),
		)
		if err == nil {
			wctx, cancel := context.WithTimeout(bctx, 10*time.Second)
			err = chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS(".comment-awaiting-moderation")))
			cancel()
		}
		if err != nil {
			t.Fatalf("post the reply: %v\n%s: %s", err, eval(`location.href`), eval(`document.body.innerText`))
		}
		r := onlyComment(t, st, reply)
		if r.ParentID != c.ID || r.Status != comment.StatusPending {
			t.Errorf("reply stored with parent %d, %s", r.ParentID, r.Status)
		}
		got := eval(`(() => { const e = document.querySelector("#` + r.Anchor() + `"); const li = e.closest("ol.children").closest("li");
			return li.querySelector(":scope > article").id + "|" + e.innerText })()`)
		if !strings.HasPrefix(got, c.Anchor()+"|") || !strings.Contains(got, reply) || !strings.Contains(got, "Your comment is awaiting moderation.") {
			t.Errorf("the reply shows as %q", got)
		}
		browsertest.Screenshot(t, bctx, "comments-"+st.Dialect())
	})
}

// onlyComment is the one stored comment with this text.
func onlyComment(t *testing.T, st *store.Store, text string) *comment.Comment {
	t.Helper()
	list, err := st.Comments(context.Background(), store.CommentQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Content == text {
			return c
		}
	}
	t.Fatalf("no comment %q stored", text)
	return nil
}

// startChromium starts the browser for one store's run, with what the
// public pages' tests add to the common flags: chromedp.Headless's hidden
// scrollbars, so a scrollbar takes no width from the layouts they measure;
// no default-browser check; and no /dev/shm, which is small in containers.
func startChromium(t *testing.T) context.Context {
	return browsertest.Start(t, chromedp.Headless, chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true))
}
