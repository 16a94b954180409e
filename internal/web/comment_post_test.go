package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestPostCommentRules posts through the article page's own form, as a
// browser would, and checks what each discussion rule makes of the
// comment: what is stored, where the reader is sent, and who sees it.
func TestPostCommentRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		cs := newCommentSite(t, st, nil, nil)
		known := &comment.Comment{ArticleID: cs.a.ID, Author: "Known Reader", Email: "known@example.org",
			Content: "An earlier, approved comment.", Status: comment.StatusApproved, Created: cs.clk.Now().Add(-time.Hour)}
		if err := st.InsertComment(ctx, known, 0); err != nil {
			t.Fatal(err)
		}
		cs.s.Invalidate()
		noHistory := map[string]string{"comment_previously_approved": "0"}
		tests := []struct {
			name     string
			settings map[string]string
			think    time.Duration
			in       func(*typing)
			noSeen   bool // the browser sends no form-seen cookie
			want     comment.Status
			reason   string
		}{
			{"approved when the rules pass", noHistory, 30 * time.Second, nil, false, comment.StatusApproved, ""},
			{"first comment held (comment_previously_approved)", nil, 30 * time.Second, nil, false, comment.StatusPending, "previously approved"},
			{"known commenter approved", nil, 30 * time.Second,
				func(in *typing) { in.author, in.email = known.Author, known.Email }, false, comment.StatusApproved, ""},
			{"every comment held (comment_moderation)", map[string]string{"comment_previously_approved": "0", "comment_moderation": "1"},
				30 * time.Second, nil, false, comment.StatusPending, "comment_moderation"},
			{"two links held (comment_max_links)", noHistory, 30 * time.Second,
				func(in *typing) { in.comment = "See https://a.example/x and www.b.example for more." }, false, comment.StatusPending, "2 links"},
			{"moderation key held", map[string]string{"comment_previously_approved": "0", "moderation_keys": "casino"}, 30 * time.Second,
				func(in *typing) { in.comment = "The Casino angle matters." }, false, comment.StatusPending, "casino"},
			{"disallowed key trashed", map[string]string{"comment_previously_approved": "0", "disallowed_keys": "viagra"}, 30 * time.Second,
				func(in *typing) { in.comment = "cheap VIAGRA here" }, false, comment.StatusTrash, "disallowed"},
			{"honeypot filled: spam", noHistory, 30 * time.Second,
				func(in *typing) { in.honeypot = "http://spam.example/" }, false, comment.StatusSpam, "honeypot"},
			{"form sent too fast: held", noHistory, 500 * time.Millisecond, nil, false, comment.StatusPending, "after it was served"},
			{"no form-seen cookie: held", noHistory, 30 * time.Second, nil, true, comment.StatusPending, "timing unknown"},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				cs.t = t
				cs.reset()
				cs.set(tc.settings)
				cs.clk.Add(time.Minute) // clear of the flood window
				in := typing{comment: fmt.Sprintf("Comment %d: a thoughtful point about the article.", i),
					author: fmt.Sprintf("Reader %d", i), email: fmt.Sprintf("reader%d@example.org", i)}
				if tc.in != nil {
					tc.in(&in)
				}
				author := cs.reader(fmt.Sprintf("192.0.2.%d", 10+i))
				action, vals := author.form(author.page(cs.a.Path()))
				if tc.noSeen {
					author.jar, _ = cookiejar.New(nil)
				}
				cs.clk.Add(tc.think)
				vals.Set("comment", in.comment)
				vals.Set("author", in.author)
				vals.Set("email", in.email)
				if in.honeypot != "" {
					vals.Set(honeypotField, in.honeypot)
				}
				res, body := author.post(action, vals)
				if res.StatusCode != http.StatusSeeOther {
					t.Fatalf("POST = %d\n%s", res.StatusCode, body)
				}
				c := cs.stored(in.comment)
				if c.Status != tc.want || !strings.Contains(strings.Join(c.SpamReasons, "|"), tc.reason) {
					t.Fatalf("stored %s %q, want %s with %q", c.Status, c.SpamReasons, tc.want, tc.reason)
				}
				if loc := res.Header.Get("Location"); loc != cs.a.Path()+"#comment-"+fmt.Sprint(c.ID) {
					t.Errorf("Location = %q", loc)
				}
				held := setCookie(res, comment.HeldCookieName)
				if (held != nil) != (tc.want != comment.StatusApproved) {
					t.Errorf("held cookie set = %v for a %s comment", held != nil, tc.want)
				}
				if held != nil && (!held.HttpOnly || held.Path != "/" || held.MaxAge < 29*24*3600) {
					t.Errorf("held cookie %+v", held)
				}
				// The author sees their comment either way.
				doc := author.followed(res)
				node := commentNode(doc, c.ID)
				if node == nil {
					t.Fatal("the author does not see their comment")
				}
				if !strings.Contains(text(node), in.comment) || !strings.Contains(text(node), in.author) {
					t.Errorf("author sees %q", text(node))
				}
				awaiting := strings.Contains(text(node), "Your comment is awaiting moderation.")
				if awaiting != (tc.want != comment.StatusApproved) {
					t.Errorf("awaiting moderation shown = %v for a %s comment", awaiting, tc.want)
				}
				// Anyone else sees it only once approved.
				other := cs.reader("198.51.100.99")
				if seen := commentNode(other.page(cs.a.Path()), c.ID) != nil; seen != (tc.want == comment.StatusApproved) {
					t.Errorf("another reader sees the %s comment: %v", tc.want, seen)
				}
			})
		}
	})
}

// TestDiscardAnsweredLikeHeld posts one comment the rules hold and one the
// filter discards: the two answers, and the pages they lead to, must not
// differ in anything but the comment itself.
func TestDiscardAnsweredLikeHeld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0", "moderation_keys": "hold me"},
			discardFilter{"discard me"})
		answers := map[string]*http.Response{}
		for _, msg := range []string{"Please hold me for a moderator.", "Please discard me, filter."} {
			rd := cs.reader("192.0.2." + fmt.Sprint(len(answers)+20))
			cs.clk.Add(time.Minute)
			res, _ := rd.write(cs.a.Path(), 30*time.Second, typing{comment: msg, author: "Same Name", email: fmt.Sprintf("r%d@example.org", len(answers))})
			answers[msg] = res
			c := cs.stored(msg)
			node := commentNode(rd.followed(res), c.ID)
			if node == nil || !strings.Contains(text(node), "Your comment is awaiting moderation.") {
				t.Errorf("%q (%s): its author does not see it awaiting moderation", msg, c.Status)
			}
		}
		held, discarded := answers["Please hold me for a moderator."], answers["Please discard me, filter."]
		if s := cs.stored("Please discard me, filter.").Status; s != comment.StatusDiscard {
			t.Fatalf("the filter's comment is %s", s)
		}
		if held.StatusCode != discarded.StatusCode {
			t.Errorf("status %d vs %d", held.StatusCode, discarded.StatusCode)
		}
		shape := func(res *http.Response) string {
			var parts []string
			for k := range res.Header {
				parts = append(parts, k)
			}
			for _, c := range res.Cookies() {
				parts = append(parts, fmt.Sprintf("%s path=%s maxage=%d httponly=%v", c.Name, c.Path, c.MaxAge, c.HttpOnly))
			}
			loc, _, _ := strings.Cut(res.Header.Get("Location"), "#")
			parts = append(parts, "location="+loc)
			slices.Sort(parts)
			return strings.Join(parts, "\n")
		}
		if a, b := shape(held), shape(discarded); a != b {
			t.Errorf("held and discarded answers differ:\n%s\n---\n%s", a, b)
		}
	})
}

// discardFilter discards comments containing its word, and lets the rest
// through to the discussion rules.
type discardFilter struct{ word string }

func (f discardFilter) Check(_ context.Context, c *comment.Comment, _ comment.Meta) comment.Verdict {
	if strings.Contains(c.Content, f.word) {
		return comment.Verdict{Class: comment.ClassDiscard, Reasons: []string{"blatant"}}
	}
	return comment.Verdict{Class: comment.ClassHam}
}
