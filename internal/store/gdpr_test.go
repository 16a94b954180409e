package store_test

import (
	"context"
	"testing"
	"time"

	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// thread stores, on one article: ann's comment, bob's reply to it, ann's
// reply to bob, and cy's reply to ann's reply.
func thread(t *testing.T, s *store.Store) (ann1, bob, ann2, cy *comment.Comment) {
	t.Helper()
	ctx := context.Background()
	a := newArticle(t, s, "gdpr")
	add := func(who string, parent *comment.Comment, minute int) *comment.Comment {
		c := newComment(a.ID, who, "words of "+who, t0.Add(time.Duration(minute)*time.Minute))
		c.UserAgent, c.Referrer, c.URL = "UA "+who, "https://ref.example/"+who, "https://"+who+".example"
		if parent != nil {
			c.ParentID = parent.ID
		}
		if err := s.InsertComment(ctx, c, 0); err != nil {
			t.Fatal(err)
		}
		return c
	}
	ann1 = add("ann", nil, 1)
	bob = add("bob", ann1, 2)
	ann2 = add("ann", bob, 3)
	cy = add("cy", ann2, 4)
	return
}

func TestPersonalData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ann1, _, ann2, _ := thread(t, s)
		if err := s.SetCommentStatus(ctx, ann2.ID, comment.StatusSpam, "mo@example.org"); err != nil {
			t.Fatal(err)
		}
		u := &store.User{Email: "Ann@Example.org", Name: "Ann", Role: "moderator", PasswordHash: "secret-hash"}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		ss := &store.Session{ID: "sid", UserID: u.ID, CSRF: "tok", IP: "192.0.2.1", UserAgent: "Firefox",
			Created: t0, LastSeen: t0, Expires: t0.Add(time.Hour)}
		if err := s.CreateSession(ctx, ss); err != nil {
			t.Fatal(err)
		}

		pd, err := s.PersonalData(ctx, "  ANN@example.org ")
		if err != nil {
			t.Fatal(err)
		}
		if pd.Email != "ann@example.org" || len(pd.Comments) != 2 {
			t.Fatalf("got %q with %d comments, want ann's 2", pd.Email, len(pd.Comments))
		}
		c := pd.Comments[0]
		if c.ID != ann1.ID || c.IP != ann1.IP || c.UserAgent != "UA ann" || c.Content != ann1.Content || len(c.SpamReasons) != 1 {
			t.Errorf("first comment %+v", c.Comment)
		}
		if h := pd.Comments[1].History; len(h) != 1 || h[0].To != comment.StatusSpam || h[0].By != "mo@example.org" {
			t.Errorf("history %+v", h)
		}
		if pd.User == nil || pd.User.ID != u.ID || pd.User.PasswordHash != "" {
			t.Errorf("user %+v, want ann's account without its hash", pd.User)
		}
		if len(pd.Sessions) != 1 || pd.Sessions[0].IP != "192.0.2.1" || pd.Sessions[0].ID != "" || pd.Sessions[0].CSRF != "" {
			t.Errorf("sessions %+v, want one, without its secrets", pd.Sessions)
		}

		for _, email := range []string{"nobody@example.org", "", "  "} {
			pd, err := s.PersonalData(ctx, email)
			if err != nil || len(pd.Comments) != 0 || pd.User != nil {
				t.Errorf("%q: %+v, %v; want nothing", email, pd, err)
			}
		}
		if n, err := s.CountCommentsByEmail(ctx, "Ann@example.org"); n != 2 || err != nil {
			t.Errorf("count = %d, %v", n, err)
		}
	})
}

func TestAnonymiseComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ann1, bob, ann2, _ := thread(t, s)
		v0, _ := s.Version(ctx)
		n, err := s.AnonymiseComments(ctx, "ann@example.org")
		if err != nil || n != 2 {
			t.Fatalf("anonymised %d, %v; want 2", n, err)
		}
		for _, id := range []int64{ann1.ID, ann2.ID} {
			c, err := s.Comment(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if c.Author != store.AnonymousAuthor || c.Email != "" || c.URL != "" || c.IP != "" ||
				c.UserAgent != "" || c.Referrer != "" || len(c.SpamReasons) != 0 || c.Content != "words of ann" {
				t.Errorf("comment %d after anonymising: %+v", id, c)
			}
		}
		if c, _ := s.Comment(ctx, bob.ID); c.Author != "bob" || c.IP == "" {
			t.Errorf("bob's comment changed: %+v", c)
		}
		if v1, _ := s.Version(ctx); v1 <= v0 {
			t.Error("anonymising did not bump the change version")
		}
		if n, err := s.AnonymiseComments(ctx, ""); n != 0 || err != nil {
			t.Errorf("blank address anonymised %d, %v", n, err)
		}
	})
}

func TestDeleteCommentsByEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ann1, bob, ann2, cy := thread(t, s)
		if err := s.SetCommentStatus(ctx, ann2.ID, comment.StatusTrash, "mo"); err != nil {
			t.Fatal(err)
		}
		v0, _ := s.Version(ctx)
		n, err := s.DeleteCommentsByEmail(ctx, "ANN@example.org")
		if err != nil || n != 2 {
			t.Fatalf("deleted %d, %v; want 2", n, err)
		}
		for _, id := range []int64{ann1.ID, ann2.ID} {
			if _, err := s.Comment(ctx, id); err != store.ErrNotFound {
				t.Errorf("comment %d: %v, want it gone", id, err)
			}
			if h, err := s.CommentHistory(ctx, id); err != nil || len(h) != 0 {
				t.Errorf("comment %d history: %v, %v; want none", id, h, err)
			}
		}
		// bob's reply was to ann1 (top level), cy's to ann2 (a reply to bob).
		if c, _ := s.Comment(ctx, bob.ID); c == nil || c.ParentID != 0 {
			t.Errorf("bob's reply: %+v, want it moved to the top level", c)
		}
		if c, _ := s.Comment(ctx, cy.ID); c == nil || c.ParentID != bob.ID {
			t.Errorf("cy's reply: %+v, want it under bob's", c)
		}
		if v1, _ := s.Version(ctx); v1 <= v0 {
			t.Error("deleting did not bump the change version")
		}
		if n, err := s.DeleteCommentsByEmail(ctx, "ann@example.org"); n != 0 || err != nil {
			t.Errorf("second delete: %d, %v", n, err)
		}
	})
}
