package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestCachedPageTokenAndSeenCookie checks the article page as the cache
// serves it: every reader gets the same bytes (one render), each answer
// carries the form-seen cookie, the same value within its window and a new
// one after, and the page, whose token ages, is rendered again after ten
// minutes.
func TestCachedPageTokenAndSeenCookie(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, nil, nil)
		path := cs.a.Path()
		first, body1 := cs.reader("192.0.2.40").do("GET", path, nil)
		second, _ := cs.reader("192.0.2.41").do("GET", path, nil, "Accept-Encoding", "gzip")
		if second.Header.Get("Content-Encoding") != "gzip" || first.Header.Get("ETag") == "" || cs.s.renders.Load() != 1 {
			t.Fatalf("renders %d", cs.s.renders.Load())
		}
		c1, c2 := setCookie(first, comment.SeenCookieName), setCookie(second, comment.SeenCookieName)
		if c1 == nil || c2 == nil {
			t.Fatal("an article answer without the form-seen cookie")
		}
		if !c1.HttpOnly || c1.Path != commentsPath || c1.SameSite != http.SameSiteLaxMode || !c1.Secure || c1.MaxAge != 86400 {
			t.Errorf("form-seen cookie %+v", c1)
		}
		if c1.Value != c2.Value {
			t.Error("two readers in one window got different form-seen values")
		}
		cs.clk.Add(150 * time.Millisecond)
		third, _ := cs.reader("192.0.2.42").do("GET", path, nil)
		if c3 := setCookie(third, comment.SeenCookieName); c3 == nil || c3.Value == c1.Value {
			t.Error("the form-seen value did not change after its window")
		}
		if res, _ := cs.reader("192.0.2.43").do("GET", path, nil, "If-None-Match", first.Header.Get("ETag")); res.StatusCode != 304 ||
			setCookie(res, comment.SeenCookieName) == nil {
			t.Errorf("304: %d, cookie %v", res.StatusCode, res.Header["Set-Cookie"])
		}
		if n := cs.s.renders.Load(); n != 1 {
			t.Fatalf("%d renders for one page", n)
		}
		// Other pages carry no cookie.
		if res, _ := cs.reader("192.0.2.44").do("GET", "/", nil); len(res.Header["Set-Cookie"]) != 0 {
			t.Errorf("the front page sets %v", res.Header["Set-Cookie"])
		}
		_, vals := cs.reader("192.0.2.45").form(parseHTML(t, body1))
		before := cs.s.renders.Load()
		cs.clk.Add(articleTTL)
		_, body := cs.reader("192.0.2.46").do("GET", path, nil)
		if n := cs.s.renders.Load() - before; n != 1 {
			t.Errorf("%d renders after the page's ten minutes, want 1", n)
		}
		if _, fresh := cs.reader("192.0.2.47").form(parseHTML(t, body)); fresh.Get(tokenField) == vals.Get(tokenField) {
			t.Error("the page token did not change with the new render")
		}
	})
}

// TestHeldCommentShownOnlyToItsAuthor checks the held cookie's path: the
// author's pages are rendered for them and never cached; other readers,
// and the author on other articles, keep getting cached pages; once the
// comment is moderated the cookie lets go of it.
func TestHeldCommentShownOnlyToItsAuthor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, nil, nil)
		other := save(t, st, &article.Article{Slug: "other", Headline: "Another story", BodyHTML: "<p>x</p>",
			Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)})
		author, stranger := cs.reader("192.0.2.50"), cs.reader("192.0.2.51")
		res, _ := author.write(cs.a.Path(), 30*time.Second, typing{comment: "Held for now.", author: "New Reader", email: "new@example.org"})
		c := cs.stored("Held for now.")
		if c.Status != comment.StatusPending || setCookie(res, comment.HeldCookieName) == nil {
			t.Fatalf("%s, cookie %v", c.Status, res.Header["Set-Cookie"])
		}
		for range 2 {
			before := cs.s.renders.Load()
			res, body := author.do("GET", cs.a.Path(), nil)
			node := commentNode(parseHTML(t, body), c.ID)
			if node == nil || !strings.Contains(text(node), "Your comment is awaiting moderation.") {
				t.Fatal("the author does not see the held comment")
			}
			if res.Header.Get("Cache-Control") != "private, no-store" || res.Header.Get("ETag") != "" || setCookie(res, comment.SeenCookieName) == nil {
				t.Errorf("held view headers %v", res.Header)
			}
			if cs.s.renders.Load() != before {
				t.Error("the held view went through the page cache")
			}
		}
		strangerPage := stranger.page(cs.a.Path())
		if commentNode(strangerPage, c.ID) != nil || strings.Contains(text(strangerPage), "Held for now.") {
			t.Error("another reader sees the held comment")
		}
		// The author's other pages still come from the cache.
		author.page(other.Path())
		before := cs.s.renders.Load()
		if res, _ := author.do("GET", other.Path(), nil); res.Header.Get("ETag") == "" || cs.s.renders.Load() != before {
			t.Error("the author's view of another article was not the cached page")
		}
		// A forged held cookie shows nothing and is dropped.
		forger := cs.reader("192.0.2.52")
		forged := cs.s.tokens.AddHeld("", cs.a.ID, c.ID)
		forger.jar.SetCookies(mustURL(t, testBaseURL+"/"), []*http.Cookie{{Name: comment.HeldCookieName, Value: flip(forged)}})
		res, body := forger.do("GET", cs.a.Path(), nil)
		if commentNode(parseHTML(t, body), c.ID) != nil {
			t.Error("a forged cookie shows the held comment")
		}
		if ck := setCookie(res, comment.HeldCookieName); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("a forged held cookie is not dropped: %v", res.Header["Set-Cookie"])
		}

		cs.approve(c.ID)
		res, body = author.do("GET", cs.a.Path(), nil)
		node := commentNode(parseHTML(t, body), c.ID)
		if node == nil || strings.Contains(text(node), "awaiting moderation") {
			t.Error("after approval the author sees it as held, or not at all")
		}
		if ck := setCookie(res, comment.HeldCookieName); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("the held cookie outlives its last held comment: %v", res.Header["Set-Cookie"])
		}
		if commentNode(stranger.page(cs.a.Path()), c.ID) == nil {
			t.Error("after approval other readers do not see it")
		}
	})
}

// TestSaveMyDetails ticks and unticks "Save my name, email, and website":
// cookies only when ticked, readable by the page's script, removed when
// unticked; cached pages never carry the details.
func TestSaveMyDetails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0"}, nil)
		saved := []string{savedAuthorCookie, savedEmailCookie, savedURLCookie}
		rd := cs.reader("192.0.2.60")
		res, _ := rd.write(cs.a.Path(), 30*time.Second, typing{comment: "Unticked.", author: "Zoë Reader", email: "zoe@example.org", url: "zoe.example"})
		for _, name := range saved {
			if c := setCookie(res, name); c != nil {
				t.Errorf("unticked, yet %s set", name)
			}
		}
		res, _ = rd.write(cs.a.Path(), 30*time.Second, typing{comment: "Ticked.", author: "Zoë Reader", email: "zoe@example.org", url: "zoe.example", consent: true})
		want := map[string]string{savedAuthorCookie: "Zoë Reader", savedEmailCookie: "zoe@example.org", savedURLCookie: "http://zoe.example"}
		for name, v := range want {
			c := setCookie(res, name)
			if c == nil {
				t.Fatalf("ticked, but no %s", name)
			}
			got, _ := url.QueryUnescape(c.Value)
			if got != v || c.HttpOnly || c.Path != "/" || c.MaxAge < 300*24*3600 {
				t.Errorf("%s = %q (%+v)", name, got, c)
			}
		}
		// The page the reader comes back to is the cached one, the same
		// bytes as anyone's: the details are filled in by the script.
		before := cs.s.renders.Load()
		res, body := rd.do("GET", cs.a.Path(), nil)
		_, stranger := cs.reader("192.0.2.61").do("GET", cs.a.Path(), nil)
		if string(body) != string(stranger) || res.Header.Get("ETag") == "" || cs.s.renders.Load() != before+1 {
			t.Errorf("the returning commenter's page differs from a stranger's, or was rendered for them (renders %d → %d)", before, cs.s.renders.Load())
		}
		if strings.Contains(string(body), "zoe@example.org") || strings.Contains(string(body), "Zoë Reader") && !strings.Contains(string(body), "Ticked.") {
			t.Error("saved details written into the page")
		}
		res, _ = rd.write(cs.a.Path(), 30*time.Second, typing{comment: "Unticked again.", author: "Zoë Reader", email: "zoe@example.org"})
		for _, name := range saved {
			if c := setCookie(res, name); c == nil || c.MaxAge >= 0 {
				t.Errorf("unticking does not remove %s: %v", name, c)
			}
		}
	})
}

// TestAvatars serves identicons for the hashes pages name, cached for a
// year, and nothing else.
func TestAvatars(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0"}, nil)
		rd := cs.reader("192.0.2.70")
		rd.write(cs.a.Path(), 30*time.Second, typing{comment: "With a face.", author: "Ann", email: "Ann@Example.org"})
		c := cs.stored("With a face.")
		img := one(t, commentNode(rd.page(cs.a.Path()), c.ID), "avatar", tag("img", hasClass("avatar")))
		src := attr(img, "src")
		if src != comment.NewAvatars([]byte(testSecret)).Path("ann@example.org") || attr(img, "alt") != "" ||
			attr(img, "width") != "48" || attr(img, "height") != "48" {
			t.Fatalf("avatar %v", img.Attr)
		}
		res, body := rd.do("GET", src, nil)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(string(body), "<svg ") ||
			res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("GET %s: %d %v", src, res.StatusCode, res.Header)
		}
		if res2, body2 := rd.do("GET", src, nil, "If-None-Match", res.Header.Get("ETag")); res2.StatusCode != 304 || len(body2) != 0 {
			t.Errorf("revalidation: %d", res2.StatusCode)
		}
		for _, bad := range []string{"/avatar/x.svg", "/avatar/" + strings.ToUpper(src[8:40]) + ".svg", strings.TrimSuffix(src, ".svg") + ".png", "/avatar/"} {
			if res, _ := rd.do("GET", bad, nil); res.StatusCode != 404 {
				t.Errorf("GET %s = %d", bad, res.StatusCode)
			}
		}
	})
}

// TestSiteWithoutComments keeps the reference page whole when serve has
// not wired comments: closed, nothing to post to.
func TestSiteWithoutComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s, err := New(testConfig(), st, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, body := do(t, s, "GET", a.Path())
		doc := parseHTML(t, body)
		if res.StatusCode != 200 || !strings.Contains(text(doc), "Comments are closed.") || len(findAll(doc, tag("form"))) != 0 ||
			len(res.Header["Set-Cookie"]) != 0 {
			t.Errorf("%d, %q", res.StatusCode, text(one(t, doc, "comments", tag("section", attrIs("id", "comments")))))
		}
		for _, p := range []string{"POST " + commentsPath, "GET " + commentsPath + "feed/", "GET " + a.Path() + "feed/", "GET " + a.Path() + "comment-page-2/"} {
			method, target, _ := strings.Cut(p, " ")
			if res, _ := do(t, s, method, target); res.StatusCode != 404 {
				t.Errorf("%s = %d", p, res.StatusCode)
			}
		}
		svc, avatars := commentDeps(t, st, nil)
		if _, err := New(Config{Comments: svc}, st, nil); err == nil {
			t.Error("comments without avatars accepted")
		}
		if _, err := New(Config{Comments: comment.NewService(comment.Config{Store: st}), Avatars: avatars}, st, nil); err == nil {
			t.Error("comments without tokens accepted")
		}
	})
}

// TestCachedArticleAllocatesNothing holds the hot path to its promise
// with the comment section on: a cached article page, its form-seen
// cookie and all, is answered without allocating. (The benchmark gives
// the figures; this makes CI fail if an allocation creeps in.)
func TestCachedArticleAllocatesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, nil, nil)
		cs.reader("192.0.2.1").page(cs.a.Path())
		for _, h := range []http.Header{{}, {"Accept-Encoding": {"gzip"}}, {"Cookie": {"theme=dark; lang=en"}}} {
			req := httptest.NewRequest("GET", cs.a.Path(), nil)
			req.Header = h
			w := &discardWriter{h: http.Header{}}
			if n := testing.AllocsPerRun(200, func() {
				clear(w.h)
				cs.s.ServeHTTP(w, req)
			}); n != 0 || len(w.h["Set-Cookie"]) != 1 || w.n == 0 {
				t.Errorf("headers %v: %v allocations a request (cookie %v, %d bytes)", h, n, w.h["Set-Cookie"], w.n)
			}
		}
	})
}
