package moderation_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"masthead/internal/admin"
	"masthead/internal/comment"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestActions(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo Moderator", "mo@example.org")
		b := e.SignIn("mo@example.org")
		ctx := context.Background()
		cases := []struct {
			verb  string
			from  comment.Status
			to    comment.Status
			learn []lesson // relative: id filled in
		}{
			{"approve", comment.StatusPending, comment.StatusApproved, []lesson{{Spam: false}}},
			{"spam", comment.StatusPending, comment.StatusSpam, []lesson{{Spam: true}}},
			{"trash", comment.StatusPending, comment.StatusTrash, nil},
			{"unapprove", comment.StatusApproved, comment.StatusPending, nil},
			{"approve", comment.StatusSpam, comment.StatusApproved, []lesson{{Spam: false}}},
		}
		for i, c := range cases {
			t.Run(c.verb+" from "+string(c.from), func(t *testing.T) {
				src := held("Ann", "text "+itoa(int64(i)), "192.0.2.7", i)
				src.Status = c.from
				cm := e.comment(src)
				before := len(e.learner.taught())
				form := url.Values{"status": {"spam"}, "q": {"a b"}, "page": {"2"}}
				p := b.Submit("/admin/comments/"+itoa(cm.ID)+"/"+c.verb, form)
				if p.Status != http.StatusSeeOther {
					t.Fatalf("status %d", p.Status)
				}
				loc, _ := url.Parse(p.Location())
				q := loc.Query()
				if loc.Path != "/admin/comments" || q.Get("status") != "spam" || q.Get("q") != "a b" || q.Get("page") != "2" || q.Get("done") != c.verb {
					t.Errorf("redirect to %q, want the queue with the same filter", p.Location())
				}
				got := e.load(cm.ID)
				if got.Status != c.to || got.StatusChangedBy != "mo@example.org" {
					t.Errorf("comment is %s by %q, want %s by mo@example.org", got.Status, got.StatusChangedBy, c.to)
				}
				hist, _ := e.Store.CommentHistory(ctx, cm.ID)
				if len(hist) != 1 || hist[0].From != c.from || hist[0].To != c.to || hist[0].By != "mo@example.org" {
					t.Errorf("history %+v", hist)
				}
				var want []lesson
				for _, l := range c.learn {
					want = append(want, lesson{cm.ID, l.Spam})
				}
				if got := e.learner.taught()[before:]; !slices.Equal(got, want) {
					t.Errorf("the filter learned %+v, want %+v", got, want)
				}
			})
		}

		t.Run("delete", func(t *testing.T) {
			cm := e.comment(held("Ann", "delete me", "192.0.2.7", 50))
			if p := b.Submit("/admin/comments/"+itoa(cm.ID)+"/delete", nil); p.Status != http.StatusSeeOther {
				t.Fatalf("status %d", p.Status)
			}
			if _, err := e.Store.Comment(ctx, cm.ID); err == nil {
				t.Error("the comment is still there")
			}
			if p := b.Submit("/admin/comments/"+itoa(cm.ID)+"/delete", nil); p.Status != http.StatusNotFound {
				t.Errorf("deleting it again = %d, want 404", p.Status)
			}
		})

		t.Run("notice", func(t *testing.T) {
			p := b.Get("/admin/comments?status=pending&done=spam&n=3")
			if !strings.Contains(p.Body, "3 comments marked as spam.") {
				t.Error("no notice of what was done")
			}
		})
	})
}

func TestLearnerFailureKeepsTheDecision(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		b := e.SignIn("mo@example.org")
		e.learner.fail = true
		cm := e.comment(held("Ann", "text", "192.0.2.7", 1))
		p := b.Submit("/admin/comments/"+itoa(cm.ID)+"/spam", nil)
		if p.Status != http.StatusSeeOther || !strings.Contains(p.Location(), "learn=failed") {
			t.Fatalf("status %d to %q", p.Status, p.Location())
		}
		if e.load(cm.ID).Status != comment.StatusSpam {
			t.Error("the decision was lost")
		}
		if p := b.Get(p.Location()); !strings.Contains(p.Body, "could not learn") {
			t.Error("the queue does not say the filter did not learn")
		}
	})
}

func TestBulk(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		b := e.SignIn("mo@example.org")
		one := e.comment(held("Ann", "one", "192.0.2.7", 1))
		two := e.comment(held("Bob", "two", "192.0.2.8", 2))
		three := e.comment(held("Cyd", "three", "192.0.2.9", 3))

		form := url.Values{"action": {"approve"}, "id": {itoa(one.ID), itoa(three.ID), itoa(three.ID), "bogus", "999999"}}
		p := b.Submit("/admin/comments/bulk", form)
		if p.Status != http.StatusSeeOther || !strings.Contains(p.Location(), "n=2") {
			t.Fatalf("bulk approve: %d to %q", p.Status, p.Location())
		}
		for id, want := range map[int64]comment.Status{one.ID: comment.StatusApproved, two.ID: comment.StatusPending, three.ID: comment.StatusApproved} {
			if got := e.load(id); got.Status != want || (want == comment.StatusApproved && got.StatusChangedBy != "mo@example.org") {
				t.Errorf("comment %d: %s by %q, want %s", id, got.Status, got.StatusChangedBy, want)
			}
		}
		if got, want := e.learner.taught(), []lesson{{one.ID, false}, {three.ID, false}}; !slices.Equal(got, want) {
			t.Errorf("learned %+v, want %+v", got, want)
		}

		if p := b.Submit("/admin/comments/bulk", url.Values{"action": {"spam"}, "id": {itoa(two.ID)}}); p.Status != http.StatusSeeOther {
			t.Fatalf("bulk spam: %d", p.Status)
		}
		if e.load(two.ID).Status != comment.StatusSpam {
			t.Error("bulk spam did not mark the comment")
		}
		if p := b.Submit("/admin/comments/bulk", url.Values{"action": {"delete"}, "id": {itoa(one.ID), itoa(two.ID)}}); p.Status != http.StatusSeeOther {
			t.Fatalf("bulk delete: %d", p.Status)
		}
		if _, err := e.Store.Comment(context.Background(), one.ID); err == nil {
			t.Error("bulk delete left a comment")
		}
		if p := b.Submit("/admin/comments/bulk", url.Values{"action": {"approve"}}); !strings.Contains(p.Location(), "done=none") {
			t.Errorf("nothing ticked: to %q", p.Location())
		}
		if p := b.Submit("/admin/comments/bulk", url.Values{"action": {"launch"}, "id": {itoa(three.ID)}}); p.Status != http.StatusBadRequest {
			t.Errorf("unknown action = %d, want 400", p.Status)
		}
	})
}

func TestCSRFRefused(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleModerator, "Mo", "mo@example.org")
		b := e.SignIn("mo@example.org")
		cm := e.comment(held("Ann", "text", "192.0.2.7", 1))
		for _, path := range []string{"/admin/comments/" + itoa(cm.ID) + "/approve", "/admin/comments/" + itoa(cm.ID) + "/delete",
			"/admin/comments/" + itoa(cm.ID) + "/reply", "/admin/comments/bulk"} {
			form := url.Values{"action": {"approve"}, "id": {itoa(cm.ID)}, "content": {"hi"}}
			if p := b.Post(path, form); p.Status != http.StatusForbidden {
				t.Errorf("%s without a token = %d, want 403", path, p.Status)
			}
			form.Set("csrf", "forged")
			if p := b.Post(path, form); p.Status != http.StatusForbidden {
				t.Errorf("%s with a wrong token = %d, want 403", path, p.Status)
			}
		}
		if got := e.load(cm.ID); got.Status != comment.StatusPending {
			t.Errorf("a refused request changed the comment to %s", got.Status)
		}
		if len(e.learner.taught()) != 0 {
			t.Error("a refused request taught the filter")
		}
		// Signed out, nothing at all.
		if p := e.Browser().Get("/admin/comments"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location(), "/admin/login") {
			t.Errorf("signed out: %d to %q, want the sign-in page", p.Status, p.Location())
		}
	})
}

func TestReply(t *testing.T) {
	each(t, 25, func(t *testing.T, e *env) {
		e.User(admin.RoleEditor, "Ed Editor", "ed@example.org")
		b := e.SignIn("ed@example.org")
		ctx := context.Background()
		pend := e.comment(held("Ann", "is this true?", "192.0.2.7", 1))

		p := b.Submit("/admin/comments/"+itoa(pend.ID)+"/reply", url.Values{"content": {"  Yes, it is.  "}, "status": {"pending"}})
		if p.Status != http.StatusSeeOther || !strings.Contains(p.Location(), "done=reply") {
			t.Fatalf("reply: %d to %q\n%s", p.Status, p.Location(), p.Body)
		}
		if e.load(pend.ID).Status != comment.StatusApproved {
			t.Error("replying to a pending comment did not approve it")
		}
		if got := e.learner.taught(); !slices.Equal(got, []lesson{{pend.ID, false}}) {
			t.Errorf("learned %+v, want ham from the approval", got)
		}
		list, _ := e.Store.ArticleComments(ctx, e.art.ID, nil)
		var reply *comment.Comment
		for _, c := range list {
			if c.ParentID == pend.ID {
				reply = c
			}
		}
		if reply == nil || reply.Author != "Ed Editor" || reply.Email != "ed@example.org" || reply.Content != "Yes, it is." ||
			reply.Status != comment.StatusApproved || reply.IP != "" {
			t.Fatalf("the reply is %+v", reply)
		}

		if p := b.Submit("/admin/comments/"+itoa(pend.ID)+"/reply", url.Values{"content": {"Yes, it is."}}); p.Status != http.StatusConflict {
			t.Errorf("the same reply twice = %d, want 409", p.Status)
		}
		if p := b.Submit("/admin/comments/"+itoa(pend.ID)+"/reply", url.Values{"content": {"   "}}); p.Status != http.StatusBadRequest {
			t.Errorf("an empty reply = %d, want 400", p.Status)
		}
		spam := held("Sam", "spam", "192.0.2.9", 5)
		spam.Status = comment.StatusSpam
		sc := e.comment(spam)
		if p := b.Submit("/admin/comments/"+itoa(sc.ID)+"/reply", url.Values{"content": {"hi"}}); p.Status != http.StatusConflict {
			t.Errorf("a reply to spam = %d, want 409", p.Status)
		}
	})
}
