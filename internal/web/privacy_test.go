package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestPrivacyPageFollowsSettings reads the privacy page: what is kept,
// why, for how long (from the settings in force), the cookies, no third
// party, and whom to ask.
func TestPrivacyPageFollowsSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"ip_retention_days": "45"}, nil)
		page := text(cs.reader("192.0.2.1").page("/privacy/"))
		for _, want := range []string{
			"your comment", "your name", "your website", "your email address: it is never shown", "your IP address",
			"user agent", "the time you posted",
			"Moderation.", "Your first comment waits for a moderator", "Spam defence.", "The filter runs on this server",
			"Showing your held comment to you.",
			"IP addresses are erased 45 days after the comment was posted", "deleted after 45 days",
			"masthead_seen", "expires after 24 hours", "masthead_held", "It lasts 30 days",
			"masthead_comment_author, masthead_comment_email, masthead_comment_url", "set only if you tick", "They last 365 days",
			"No one. Nothing you send with a comment is passed to a third party", "no outside service such as Gravatar",
			"A copy of your data, or its erasure", "write to the editors of this site",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("privacy page lacks %q", want)
			}
		}
		cs.set(map[string]string{"ip_retention_days": "7", "comment_moderation": "1"})
		page = text(cs.reader("192.0.2.1").page("/privacy/"))
		if !strings.Contains(page, "IP addresses are erased 7 days") || !strings.Contains(page, "Every comment waits for a moderator") {
			t.Error("the privacy page does not follow changed settings")
		}

		cfg := testConfig()
		cfg.PrivacyContact = "privacy@news.example"
		s := newServer(t, st, cfg)
		doc := get(t, s, "/privacy/")
		link := one(t, doc, "contact", tag("a", attrIs("href", "mailto:privacy@news.example")))
		if text(link) != "privacy@news.example" {
			t.Errorf("contact link %q", text(link))
		}
	})
}

// TestRunMaintenance sweeps at once: old IPs erased, old discarded spam
// deleted, recent ones kept.
func TestRunMaintenance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		cs := newCommentSite(t, st, nil, nil)
		now := cs.clk.Now()
		old := &comment.Comment{ArticleID: cs.a.ID, Author: "Old", Email: "o@example.org", Content: "old", IP: "192.0.2.1",
			Status: comment.StatusApproved, Created: now.AddDate(0, 0, -31)}
		junk := &comment.Comment{ArticleID: cs.a.ID, Author: "Junk", Email: "j@example.org", Content: "junk", IP: "192.0.2.2",
			Status: comment.StatusDiscard, Created: now.AddDate(0, 0, -31)}
		recent := &comment.Comment{ArticleID: cs.a.ID, Author: "New", Email: "n@example.org", Content: "recent", IP: "192.0.2.3",
			Status: comment.StatusApproved, Created: now.AddDate(0, 0, -29)}
		for _, c := range []*comment.Comment{old, junk, recent} {
			if err := st.InsertComment(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
		}
		mctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { cs.s.RunMaintenance(mctx); close(done) }()
		deadline := time.Now().Add(5 * time.Second)
		for {
			c, err := st.Comment(ctx, old.ID)
			if err == nil && c.IP == "" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the old IP was not erased")
			}
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		<-done
		if _, err := st.Comment(ctx, junk.ID); err == nil {
			t.Error("old discarded spam kept")
		}
		if c, err := st.Comment(ctx, recent.ID); err != nil || c.IP != "192.0.2.3" {
			t.Errorf("recent comment: %v, %+v", err, c)
		}
	})
}
