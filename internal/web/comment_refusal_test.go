package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestPostCommentRefused sends what a reader (or a bot) might, each case a
// refusal: the answer has the refusal's status, never a 5xx; its page
// gives the form back with exactly what was typed and the message where it
// belongs; and nothing is stored.
func TestPostCommentRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0"}, nil)
		closed := save(t, st, &article.Article{Slug: "closed", Headline: "A closed story", BodyHTML: "<p>x</p>",
			CommentsClosed: true, Published: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)})
		other := save(t, st, &article.Article{Slug: "other", Headline: "Another story", BodyHTML: "<p>x</p>",
			Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)})
		elsewhere := &comment.Comment{ArticleID: other.ID, Author: "Else", Email: "else@example.org", Content: "On the other story.",
			Status: comment.StatusApproved, Created: cs.clk.Now().Add(-time.Hour)}
		pending := &comment.Comment{ArticleID: cs.a.ID, Author: "Held", Email: "held@example.org", Content: "Waiting.",
			Status: comment.StatusPending, Created: cs.clk.Now().Add(-time.Hour)}
		for _, c := range []*comment.Comment{elsewhere, pending} {
			if err := st.InsertComment(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
		}
		cs.s.Invalidate()

		// A good form for the reference story, as the page gives it.
		base := func(rd *reader) url.Values {
			_, vals := rd.form(rd.page(cs.a.Path()))
			cs.clk.Add(30 * time.Second)
			vals.Set("comment", "A fair comment, typed with care.")
			vals.Set("author", "Ann Reader")
			vals.Set("email", "ann@example.org")
			vals.Set("url", "https://ann.example/")
			return vals
		}
		long := func(n int) string { return strings.Repeat("a", n) }
		tests := []struct {
			name    string
			edit    func(v url.Values)
			code    int
			message string // where it shows: beside field, or in the form's alert
			field   string // "" for the alert above the form
			form    bool   // the form comes back
		}{
			{"no comment", func(v url.Values) { v.Set("comment", "  \n ") }, 400, "Please type your comment.", "comment", true},
			{"no name", func(v url.Values) { v.Set("author", "") }, 400, "Please enter your name.", "author", true},
			{"bad email", func(v url.Values) { v.Set("email", "ann at example") }, 400, "Please enter a valid email address.", "email", true},
			{"bad website", func(v url.Values) { v.Set("url", "javascript:alert(1)") }, 400, "Please enter a valid website address.", "url", true},
			{"name too long", func(v url.Values) { v.Set("author", long(comment.MaxAuthor+1)) }, 400, "Your name is too long (245 characters at most).", "author", true},
			{"email too long", func(v url.Values) { v.Set("email", long(comment.MaxEmail)+"@example.org") }, 400, "Your email address is too long (100 characters at most).", "email", true},
			{"website too long", func(v url.Values) { v.Set("url", "https://a.example/"+long(comment.MaxURL)) }, 400, "Your website address is too long (200 characters at most).", "url", true},
			{"comment too long", func(v url.Values) { v.Set("comment", long(comment.MaxContent+1)) }, 400, "Your comment is too long (65,525 characters at most).", "comment", true},
			{"invalid UTF-8", func(v url.Values) { v.Set("comment", "caf\xe9 au lait") }, 400, "Your comment contains characters that are not allowed.", "comment", true},
			{"control character in name", func(v url.Values) { v.Set("author", "Ann\x07Reader") }, 400, "Your name contains characters that are not allowed.", "author", true},
			{"text-reversing character in email", func(v url.Values) { v.Set("email", "ann\u202e@example.org") }, 400, "Your email address contains characters that are not allowed.", "email", true},
			{"no page token", func(v url.Values) { v.Del(tokenField) }, 400, comment.ErrToken.Error(), "", true},
			{"forged page token", func(v url.Values) { v.Set(tokenField, flip(v.Get(tokenField))) }, 400, comment.ErrToken.Error(), "", true},
			{"another article's token", func(v url.Values) { v.Set("comment_post_ID", strconv.FormatInt(other.ID, 10)) }, 400, comment.ErrToken.Error(), "", true},
			{"reply to a comment on another article", func(v url.Values) { v.Set("comment_parent", strconv.FormatInt(elsewhere.ID, 10)) }, 400, comment.ErrBadParent.Error(), "", true},
			{"reply to a held comment", func(v url.Values) { v.Set("comment_parent", strconv.FormatInt(pending.ID, 10)) }, 400, comment.ErrBadParent.Error(), "", true},
			{"reply to nonsense", func(v url.Values) { v.Set("comment_parent", "x1") }, 400, comment.ErrBadParent.Error(), "", true},
			{"closed article", func(v url.Values) { v.Set("comment_post_ID", strconv.FormatInt(closed.ID, 10)) }, 403, comment.ErrClosed.Error(), "", false},
			{"no such article", func(v url.Values) { v.Set("comment_post_ID", "987654") }, 404, comment.ErrArticleNotFound.Error(), "", false},
			{"article id nonsense", func(v url.Values) { v.Set("comment_post_ID", "1 OR 1=1") }, 404, comment.ErrArticleNotFound.Error(), "", false},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				cs.t = t
				before := cs.count()
				rd := cs.reader(fmt.Sprintf("192.0.2.%d", 100+i))
				vals := base(rd)
				tc.edit(vals)
				res, body := rd.post(commentsPath, vals)
				if res.StatusCode != tc.code {
					t.Fatalf("status %d, want %d", res.StatusCode, tc.code)
				}
				if n := cs.count(); n != before {
					t.Errorf("%d comments stored by a refused post", n-before)
				}
				if res.Header.Get("Cache-Control") != "no-store" || setCookie(res, comment.HeldCookieName) != nil {
					t.Errorf("error answer: Cache-Control %q, held cookie %v", res.Header.Get("Cache-Control"), setCookie(res, comment.HeldCookieName))
				}
				doc := parseHTML(t, body)
				one(t, doc, "noindex", tag("meta", attrIs("name", "robots"), attrIs("content", "noindex")))
				if !tc.form {
					if !strings.Contains(text(doc), tc.message) {
						t.Errorf("page lacks %q: %s", tc.message, text(doc))
					}
					kept := one(t, doc, "the comment kept", tag("textarea", attrIs("readonly", "")))
					if got := textareaValue(kept); got != vals.Get("comment") {
						t.Errorf("kept comment %q", got)
					}
					return
				}
				form := one(t, doc, "#commentform", tag("form", attrIs("id", "commentform")))
				_, got := rd.form(doc)
				for _, f := range []string{"comment", "author", "email", "url"} {
					want := strings.ToValidUTF8(vals.Get(f), "\uFFFD")
					if got.Get(f) != want {
						t.Errorf("%s comes back as %q, want %q", f, clip(got.Get(f)), clip(want))
					}
				}
				if tc.field != "" {
					in := one(t, form, tc.field, func(n *html.Node) bool { return attr(n, "name") == tc.field && n.Type == html.ElementNode })
					msg := one(t, form, tc.field+" error", tag("span", attrIs("id", tc.field+"-field-error")))
					if text(msg) != tc.message || attr(in, "aria-invalid") != "true" || !strings.Contains(attr(in, "aria-describedby"), attr(msg, "id")) {
						t.Errorf("%s: message %q, aria-invalid %q, describedby %q", tc.field, text(msg), attr(in, "aria-invalid"), attr(in, "aria-describedby"))
					}
				} else if alert := one(t, doc, "alert", tag("p", attrIs("role", "alert"))); text(alert) != tc.message {
					t.Errorf("alert %q, want %q", text(alert), tc.message)
				}
				if got.Get("comment_parent") != "0" && tc.message == comment.ErrBadParent.Error() {
					t.Errorf("a reply to an unavailable comment comes back as a reply to %s", got.Get("comment_parent"))
				}
				// The form that comes back works: sent again with the
				// problem fixed, the comment goes in.
				if tc.message == comment.ErrToken.Error() {
					cs.clk.Add(30 * time.Second)
					got.Set("comment", got.Get("comment")+" (again: "+tc.name+")")
					if res, body := rd.post(commentsPath, got); res.StatusCode != http.StatusSeeOther {
						t.Errorf("sent again from the error page: %d\n%s", res.StatusCode, body)
					}
				}
			})
		}
	})
}

// flip changes one character of a token.
func flip(s string) string {
	b := []byte(s)
	b[len(b)/2] ^= 1
	return string(b)
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// TestFloodAndDuplicate posts twice in a row: the flood limit refuses the
// second with a 429 that keeps what was typed, unless the limit is off; the
// same comment again is a duplicate.
func TestFloodAndDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0"}, nil)
		rd := cs.reader("192.0.2.7")
		first := typing{comment: "First thought.", author: "Quick Reader", email: "quick@example.org"}
		if res, body := rd.write(cs.a.Path(), 20*time.Second, first); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("first post: %d\n%s", res.StatusCode, body)
		}
		second := typing{comment: "Second thought,\nright after the first.", author: "Quick Reader", email: "quick@example.org"}
		res, body := rd.write(cs.a.Path(), 5*time.Second, second)
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "15" {
			t.Fatalf("second post within 15 s: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
		}
		doc := parseHTML(t, body)
		if a := text(one(t, doc, "alert", tag("p", attrIs("role", "alert")))); a != "You are posting comments too quickly. Slow down." {
			t.Errorf("flood message %q", a)
		}
		_, kept := rd.form(doc)
		if kept.Get("comment") != second.comment || kept.Get("author") != second.author {
			t.Errorf("flood page keeps %q by %q", kept.Get("comment"), kept.Get("author"))
		}
		// Sent again from that page once the window has passed, it goes in.
		cs.clk.Add(15 * time.Second)
		if res, body := rd.post(commentsPath, kept); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("after the window: %d\n%s", res.StatusCode, body)
		}

		cs.set(map[string]string{"comment_flood_seconds": "0"})
		third := typing{comment: "Third, at once.", author: "Quick Reader", email: "quick@example.org"}
		if res, body := rd.write(cs.a.Path(), 3*time.Second, third); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("with comment_flood_seconds=0: %d\n%s", res.StatusCode, body)
		}

		before := cs.count()
		res, body = rd.write(cs.a.Path(), 3*time.Second, third)
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("duplicate: %d", res.StatusCode)
		}
		if a := text(one(t, parseHTML(t, body), "alert", tag("p", attrIs("role", "alert")))); a != "Duplicate comment detected; it looks as though you've already said that!" {
			t.Errorf("duplicate message %q", a)
		}
		if cs.count() != before {
			t.Error("the duplicate was stored")
		}
	})
}

// TestReplayedFormCookie sends one form-seen cookie with two comments from
// one address, as a bot replaying a captured request would: the second is
// spam, answered like a held comment. The cookie each answer sets lets a
// reader's next comment through.
func TestReplayedFormCookie(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0", "comment_flood_seconds": "0"}, nil)
		rd := cs.reader("192.0.2.8")
		action, vals := rd.form(rd.page(cs.a.Path()))
		seen := rd.jar.Cookies(mustURL(t, testBaseURL+commentsPath))
		if len(seen) != 1 || seen[0].Name != comment.SeenCookieName {
			t.Fatalf("cookies for %s: %v", commentsPath, seen)
		}
		cs.clk.Add(20 * time.Second)
		post := func(text string, cookie *http.Cookie) *http.Response {
			v := url.Values{}
			for k, vs := range vals {
				v[k] = vs
			}
			v.Set("comment", text)
			v.Set("author", "Bot")
			v.Set("email", "bot@example.org")
			req := httptest.NewRequest("POST", testBaseURL+action, strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.RemoteAddr = rd.ip + ":1"
			req.AddCookie(cookie)
			rec := httptest.NewRecorder()
			cs.s.ServeHTTP(rec, req)
			return rec.Result()
		}
		first := post("First, with the cookie.", seen[0])
		if first.StatusCode != http.StatusSeeOther || cs.stored("First, with the cookie.").Status != comment.StatusApproved {
			t.Fatalf("first: %d %s", first.StatusCode, cs.stored("First, with the cookie.").Status)
		}
		again := post("Second, same cookie.", seen[0])
		c := cs.stored("Second, same cookie.")
		if again.StatusCode != http.StatusSeeOther || setCookie(again, comment.HeldCookieName) == nil ||
			c.Status != comment.StatusSpam || !strings.Contains(strings.Join(c.SpamReasons, " "), "replayed") {
			t.Errorf("replayed: %d, stored %s %q", again.StatusCode, c.Status, c.SpamReasons)
		}
		fresh := setCookie(first, comment.SeenCookieName)
		if fresh == nil || fresh.Value == seen[0].Value || !fresh.HttpOnly || fresh.Path != commentsPath {
			t.Fatalf("the 303 sets no fresh form-seen cookie: %+v", fresh)
		}
		cs.clk.Add(20 * time.Second)
		if post("Third, with the fresh cookie.", fresh); cs.stored("Third, with the fresh cookie.").Status != comment.StatusApproved {
			t.Errorf("the next comment with the fresh cookie is %s", cs.stored("Third, with the fresh cookie.").Status)
		}
	})
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestOversizedAndGarbledPosts sends bodies no form makes.
func TestOversizedAndGarbledPosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, nil, nil)
		huge := "comment=" + strings.Repeat("x", 10<<20)
		tests := []struct {
			name, target, ctype string
			body                io.Reader
			chunked             bool
			code                int
			heading             string
		}{
			{"10 MB with its length", commentsPath, "application/x-www-form-urlencoded", strings.NewReader(huge), false, 413, "Your comment is too long to send"},
			{"10 MB chunked", commentsPath, "application/x-www-form-urlencoded", strings.NewReader(huge), true, 413, "Your comment is too long to send"},
			{"10 MB multipart", "/wp-comments-post.php", "multipart/form-data; boundary=b",
				strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n" + strings.Repeat("x", 10<<20) + "\r\n--b--\r\n"), true, 413, "Your comment is too long to send"},
			{"bad escape", commentsPath, "application/x-www-form-urlencoded", strings.NewReader("comment=%zz"), false, 400, "Your comment could not be read"},
			{"nothing", "/wp-comments-post.php", "", nil, false, 404, "Your comment was not posted"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				req := httptest.NewRequest("POST", tc.target, tc.body)
				if tc.ctype != "" {
					req.Header.Set("Content-Type", tc.ctype)
				}
				if tc.chunked {
					req.ContentLength = -1
				}
				rec := httptest.NewRecorder()
				cs.s.ServeHTTP(rec, req)
				if rec.Code != tc.code {
					t.Fatalf("status %d, want %d", rec.Code, tc.code)
				}
				if h := text(one(t, parseHTML(t, rec.Body.Bytes()), "h1", tag("h1"))); h != tc.heading {
					t.Errorf("heading %q", h)
				}
			})
		}
		if n := cs.count(); n != 0 {
			t.Errorf("%d comments stored", n)
		}
	})
}

// TestWordPressAddressAndMultipart posts to /wp-comments-post.php, as
// forms copied from WordPress do, in multipart as some clients send.
func TestWordPressAddressAndMultipart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0"}, nil)
		rd := cs.reader("192.0.2.9")
		_, vals := rd.form(rd.page(cs.a.Path()))
		cs.clk.Add(30 * time.Second)
		vals.Set("comment", "Posted the WordPress way.")
		vals.Set("author", "Press Reader")
		vals.Set("email", "press@example.org")
		var body bytes.Buffer
		body.WriteString("--xyz")
		for k := range vals {
			fmt.Fprintf(&body, "\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n--xyz", k, vals.Get(k))
		}
		body.WriteString("--\r\n")
		res, b := rd.do("POST", "/wp-comments-post.php", &body, "Content-Type", "multipart/form-data; boundary=xyz")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d\n%s", res.StatusCode, b)
		}
		// The form-seen cookie is scoped to /comments/, so this address
		// gets none: the comment is taken, and held for its unknown timing.
		if c := cs.stored("Posted the WordPress way."); c.Status != comment.StatusPending {
			t.Errorf("stored %s %q", c.Status, c.SpamReasons)
		}
	})
}
