package moderation_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/comment"
)

// t0 is when the test comments are written.
func t0() time.Time { return time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC) }

func held(author, text, ip string, minute int, reasons ...string) comment.Comment {
	return comment.Comment{Author: author, Email: strings.ToLower(author) + "@example.org", Content: text, IP: ip,
		Status: comment.StatusPending, Created: t0().Add(time.Duration(minute) * time.Minute), SpamReasons: reasons}
}

func TestQueueShowsPendingWithReasons(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo Moderator", "mo@example.org")
		e.comment(held("Ann", "Buy cheap watches now", "192.0.2.7", 1, "3 links (held at 2 or more)", "matches moderation key \"watches\""))
		ok := held("Bob", "A fine article", "192.0.2.8", 2)
		ok.Status = comment.StatusApproved
		e.comment(ok)
		spam := held("Sam", "Casino bonus", "192.0.2.9", 3, "spam score 0.99")
		spam.Status = comment.StatusSpam
		e.comment(spam)

		b := e.SignIn("mo@example.org")
		p := b.Get("/admin/comments")
		if p.Status != http.StatusOK {
			t.Fatalf("queue: %d", p.Status)
		}
		for _, want := range []string{
			"Buy cheap watches now", "ann@example.org", "192.0.2.7", "Why held:",
			"3 links (held at 2 or more)", "matches moderation key &#34;watches&#34;",
			`href="` + e.art.Path() + `"`, "Russia’s war, explained",
			`Pending <span class="count">1</span>`, `Approved <span class="count">1</span>`, `Spam <span class="count">1</span>`,
			"1 comment waiting",
		} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the pending queue lacks %q", want)
			}
		}
		if strings.Contains(p.Body, "A fine article") || strings.Contains(p.Body, "Casino bonus") {
			t.Error("the pending queue shows comments of other statuses")
		}
		p = b.Get("/admin/comments?status=spam")
		if !strings.Contains(p.Body, "Casino bonus") || !strings.Contains(p.Body, "Why spam:") || strings.Contains(p.Body, "watches now") {
			t.Error("the spam tab does not show just the spam, with its reasons")
		}
		// The waiting count is on every page of the back office.
		if p := b.Get("/admin/"); !strings.Contains(p.Body, "1 comment waiting") || !strings.Contains(p.Body, `href="/admin/comments"`) {
			t.Error("the dashboard does not show the waiting count linking to the queue")
		}
	})
}

func TestQueueTruncatesLongComments(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		long := strings.Repeat("word ", 300) + "THE-END"
		c := e.comment(held("Ann", long, "192.0.2.7", 1))
		b := e.SignIn("mo@example.org")
		p := b.Get("/admin/comments")
		if strings.Contains(p.Body, "THE-END") || !strings.Contains(p.Body, "Read all 1507 characters") {
			t.Error("a long comment is not cut short with a way to read it all")
		}
		p = b.Get("/admin/comments/" + strconv.FormatInt(c.ID, 10))
		if p.Status != http.StatusOK || !strings.Contains(p.Body, "THE-END") {
			t.Errorf("the comment's page (%d) does not show the whole text", p.Status)
		}
		if p := b.Get("/admin/comments/999999"); p.Status != http.StatusNotFound {
			t.Errorf("an unknown comment's page = %d, want 404", p.Status)
		}
	})
}

func TestQueueSearch(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		e.comment(held("Ann", "first-text about 100% pure honey", "192.0.2.7", 1))
		e.comment(held("Bob", "second-text", "198.51.100.20", 2))
		e.comment(held("Cyd", "third-text", "2001:db8::5", 3))
		e.comment(held("Dee_Dee", "fourth-text", "203.0.113.1", 4))
		b := e.SignIn("mo@example.org")
		cases := []struct {
			name, q, want string
		}{
			{"text", "PURE HONEY", "first-text"},
			{"literal percent", "100%", "first-text"},
			{"author", "bob", "second-text"},
			{"email", "cyd@example", "third-text"},
			{"ip", "203.0.113", "fourth-text"},
			{"ipv6", "2001:db8::5", "third-text"},
			{"literal underscore", "e_d", "fourth-text"},
		}
		all := []string{"first-text", "second-text", "third-text", "fourth-text"}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := b.Get("/admin/comments?" + url.Values{"q": {c.q}}.Encode())
				for _, text := range all {
					if got := strings.Contains(p.Body, text); got != (text == c.want) {
						t.Errorf("q=%q: shows %s = %v", c.q, text, got)
					}
				}
				if !strings.Contains(p.Body, `value="`+strings.ReplaceAll(c.q, "%", "%")+`"`) {
					t.Errorf("q=%q: the search field does not keep the term", c.q)
				}
			})
		}
		p := b.Get("/admin/comments?q=nothing-like-this")
		if !strings.Contains(p.Body, "No pending comment matches") {
			t.Error("an empty search does not say so")
		}
	})
}

func TestQueuePaging(t *testing.T) {
	each(t, 2, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		for i := 1; i <= 5; i++ {
			e.comment(held("Ann", fmt.Sprintf("comment-number-%d", i), "192.0.2.7", i))
		}
		b := e.SignIn("mo@example.org")
		pages := map[string][]string{
			"":       {"comment-number-5", "comment-number-4"},
			"page=2": {"comment-number-3", "comment-number-2"},
			"page=3": {"comment-number-1"},
			"page=9": {"comment-number-1"}, // past the end: the last page
		}
		for q, want := range pages {
			p := b.Get("/admin/comments?" + q)
			n := strings.Count(p.Body, "comment-number-")
			if n != len(want) {
				t.Errorf("%q shows %d comments, want %d", q, n, len(want))
			}
			for _, w := range want {
				if !strings.Contains(p.Body, w) {
					t.Errorf("%q lacks %s", q, w)
				}
			}
		}
		p := b.Get("/admin/comments?page=2")
		if !strings.Contains(p.Body, "Page 2 of 3") || !strings.Contains(p.Body, `rel="prev"`) || !strings.Contains(p.Body, `rel="next"`) {
			t.Error("page 2 lacks its position and links")
		}
	})
}

func TestAssets(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		b := e.SignIn("mo@example.org")
		p := b.Get("/admin/comments")
		for _, name := range []string{"moderation.css", "moderation.js"} {
			i := strings.Index(p.Body, "/admin/comments/static/"+name+"?v=")
			if i < 0 {
				t.Errorf("the queue does not load %s", name)
				continue
			}
			path := p.Body[i:]
			path = path[:strings.IndexByte(path, '"')]
			if got := e.Browser().Get(path); got.Status != http.StatusOK || len(got.Body) < 100 {
				t.Errorf("GET %s = %d", path, got.Status)
			}
		}
		if got := e.Browser().Get("/admin/comments/static/nope.js"); got.Status != http.StatusNotFound {
			t.Errorf("an unknown asset = %d, want 404", got.Status)
		}
	})
}
