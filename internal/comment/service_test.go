package comment_test

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// env is one database with articles in every state a comment can meet.
type env struct {
	st                          *store.Store
	clk                         *clock
	open, closed, old, unlisted *article.Article
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := &env{st: st, clk: newClock()}
	mk := func(slug string, age time.Duration, edit func(*article.Article)) *article.Article {
		a := &article.Article{Headline: slug, Slug: slug, BodyHTML: "<p>x</p>", Published: e.clk.t.Add(-age)}
		if edit != nil {
			edit(a)
		}
		if err := st.CreateArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	e.open = mk("open", 24*time.Hour, nil)
	e.closed = mk("closed", 24*time.Hour, func(a *article.Article) { a.CommentsClosed = true })
	e.old = mk("old", 20*24*time.Hour, nil)
	e.unlisted = mk("unlisted", 24*time.Hour, func(a *article.Article) { a.Status = article.StatusUnpublished })
	return e
}

func (e *env) service(cfg comment.Config) *comment.Service {
	if cfg.Store == nil {
		cfg.Store = e.st
	}
	cfg.Now = e.clk.now
	return comment.NewService(cfg)
}

// input is a fresh comment from a reader of its own (own name, email, IP).
func (e *env) input(who string) comment.Input {
	return comment.Input{
		ArticleID: e.open.ID, Author: who, Email: strings.ReplaceAll(who, " ", ".") + "@example.org",
		Content: "A thought from " + who, IP: ipFor(who), UserAgent: "Mozilla/5.0 test",
	}
}

// ipFor gives each reader an address of their own.
func ipFor(who string) string {
	h := fnv.New32a()
	h.Write([]byte(who))
	n := h.Sum32()
	return fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255)
}

func (e *env) setAll(t *testing.T, svc *comment.Service, kv map[string]string) {
	t.Helper()
	for k, v := range kv {
		if err := svc.SetSetting(context.Background(), k, v); err != nil {
			t.Fatal(err)
		}
	}
}

func (e *env) resetSettings(t *testing.T) {
	for _, k := range comment.Keys() {
		if err := e.st.DeleteSetting(context.Background(), k.Name); err != nil {
			t.Fatal(err)
		}
	}
}

type fakeFilter struct {
	v    comment.Verdict
	got  *comment.Meta
	hits int
}

func (f *fakeFilter) Check(_ context.Context, _ *comment.Comment, m comment.Meta) comment.Verdict {
	f.hits++
	f.got = &m
	return f.v
}

func TestSubmitRules(t *testing.T) {
	off := map[string]string{"comment_previously_approved": "0"}
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		// A reader with an approved comment already, and a held one.
		known := e.input("Known Reader")
		known.Content = "earlier"
		approved := &comment.Comment{ArticleID: e.open.ID, Author: known.Author, Email: known.Email, Content: "earlier",
			Status: comment.StatusApproved, Created: e.clk.t.Add(-time.Hour)}
		pending := &comment.Comment{ArticleID: e.open.ID, Author: "Held", Email: "held@example.org", Content: "held",
			Status: comment.StatusPending, Created: e.clk.t.Add(-time.Hour)}
		elsewhere := &comment.Comment{ArticleID: e.old.ID, Author: "Else", Email: "else@example.org", Content: "else",
			Status: comment.StatusApproved, Created: e.clk.t.Add(-time.Hour)}
		for _, c := range []*comment.Comment{approved, pending, elsewhere} {
			if err := st.InsertComment(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
		}

		tests := []struct {
			name     string
			settings map[string]string
			edit     func(*comment.Input)
			want     comment.Status
			wantErr  error
			reason   string // a substring of one of the reasons
		}{
			{"approved when rules pass", off, nil, comment.StatusApproved, nil, ""},
			{"first comment held (comment_previously_approved)", nil, nil, comment.StatusPending, nil, "previously approved"},
			{"known author approved", nil, func(in *comment.Input) { in.Author, in.Email = known.Author, known.Email }, comment.StatusApproved, nil, ""},
			{"known email other name held", nil, func(in *comment.Input) { in.Email = known.Email }, comment.StatusPending, nil, "previously approved"},
			{"held author still held", nil, func(in *comment.Input) { in.Author, in.Email = "Held", "held@example.org" }, comment.StatusPending, nil, "previously approved"},
			{"anonymous held when previously approved is on", map[string]string{"require_name_email": "0"},
				func(in *comment.Input) { in.Author, in.Email = "", "" }, comment.StatusPending, nil, "previously approved"},
			{"anonymous approved when name and email optional", map[string]string{"require_name_email": "0", "comment_previously_approved": "0"},
				func(in *comment.Input) { in.Author, in.Email = "", "" }, comment.StatusApproved, nil, ""},
			{"hold all (comment_moderation)", map[string]string{"comment_moderation": "1", "comment_previously_approved": "0"}, nil, comment.StatusPending, nil, "comment_moderation"},
			{"hold all even for known author", map[string]string{"comment_moderation": "1"},
				func(in *comment.Input) { in.Author, in.Email = known.Author, known.Email }, comment.StatusPending, nil, "comment_moderation"},
			{"one link approved", off, func(in *comment.Input) { in.Content = "see https://a.example" }, comment.StatusApproved, nil, ""},
			{"two links held", off, func(in *comment.Input) { in.Content = "https://a.example and www.b.example" }, comment.StatusPending, nil, "2 links"},
			{"max links 3", map[string]string{"comment_previously_approved": "0", "comment_max_links": "3"},
				func(in *comment.Input) { in.Content = "https://a.example https://b.example" }, comment.StatusApproved, nil, ""},
			{"max links 0 is off", map[string]string{"comment_previously_approved": "0", "comment_max_links": "0"},
				func(in *comment.Input) { in.Content = strings.Repeat("https://a.example ", 9) }, comment.StatusApproved, nil, ""},
			{"moderation key in content", map[string]string{"comment_previously_approved": "0", "moderation_keys": "cheap pills"},
				func(in *comment.Input) { in.Content = "Buy CHEAP Pills now" }, comment.StatusPending, nil, `"cheap pills"`},
			{"moderation key in name", map[string]string{"comment_previously_approved": "0", "moderation_keys": "casino"},
				func(in *comment.Input) { in.Author = "Casino Royale" }, comment.StatusPending, nil, "casino"},
			{"moderation key in email", map[string]string{"comment_previously_approved": "0", "moderation_keys": "@spam.example"},
				func(in *comment.Input) { in.Email = "x@spam.example" }, comment.StatusPending, nil, "spam.example"},
			{"moderation key in url", map[string]string{"comment_previously_approved": "0", "moderation_keys": "shady.example"},
				func(in *comment.Input) { in.URL = "https://shady.example/" }, comment.StatusPending, nil, "shady"},
			{"moderation key in ip", map[string]string{"comment_previously_approved": "0", "moderation_keys": "203.0.113."},
				func(in *comment.Input) { in.IP = "203.0.113.9" }, comment.StatusPending, nil, "203.0.113."},
			{"moderation key in user agent", map[string]string{"comment_previously_approved": "0", "moderation_keys": "curl/"},
				func(in *comment.Input) { in.UserAgent = "curl/8.0" }, comment.StatusPending, nil, "curl/"},
			{"moderation key no match", map[string]string{"comment_previously_approved": "0", "moderation_keys": "casino\npills"}, nil, comment.StatusApproved, nil, ""},
			{"disallowed key trashes", map[string]string{"disallowed_keys": "viagra"},
				func(in *comment.Input) { in.Content = "ViAgRa here" }, comment.StatusTrash, nil, "disallowed"},
			{"disallowed key in ip", map[string]string{"disallowed_keys": "198.51.100.66"},
				func(in *comment.Input) { in.IP = "198.51.100.66" }, comment.StatusTrash, nil, "disallowed"},
			{"disallowed beats moderation", map[string]string{"disallowed_keys": "bad", "moderation_keys": "bad"},
				func(in *comment.Input) { in.Content = "bad words" }, comment.StatusTrash, nil, "disallowed"},
			{"comments closed on article", off, func(in *comment.Input) { in.ArticleID = e.closed.ID }, "", comment.ErrClosed, ""},
			{"old article open by default", off, func(in *comment.Input) { in.ArticleID = e.old.ID }, comment.StatusApproved, nil, ""},
			{"old article closed by age", map[string]string{"close_comments_for_old_posts": "1"},
				func(in *comment.Input) { in.ArticleID = e.old.ID }, "", comment.ErrClosed, ""},
			{"old article within days", map[string]string{"close_comments_for_old_posts": "1", "close_comments_days_old": "30", "comment_previously_approved": "0"},
				func(in *comment.Input) { in.ArticleID = e.old.ID }, comment.StatusApproved, nil, ""},
			{"unpublished article", off, func(in *comment.Input) { in.ArticleID = e.unlisted.ID }, "", comment.ErrArticleNotFound, ""},
			{"missing article", off, func(in *comment.Input) { in.ArticleID = 987654 }, "", comment.ErrArticleNotFound, ""},
			{"reply to approved", off, func(in *comment.Input) { in.ParentID = approved.ID }, comment.StatusApproved, nil, ""},
			{"reply to held parent", off, func(in *comment.Input) { in.ParentID = pending.ID }, "", comment.ErrBadParent, ""},
			{"reply to parent on another article", off, func(in *comment.Input) { in.ParentID = elsewhere.ID }, "", comment.ErrBadParent, ""},
			{"reply to missing parent", off, func(in *comment.Input) { in.ParentID = 424242 }, "", comment.ErrBadParent, ""},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				defer e.resetSettings(t)
				e.clk.add(time.Minute) // clear of the flood window
				svc := e.service(comment.Config{})
				e.setAll(t, svc, tc.settings)
				in := e.input(fmt.Sprintf("Reader %d", i))
				if tc.edit != nil {
					tc.edit(&in)
				}
				c, err := svc.Submit(ctx, in)
				if tc.wantErr != nil || err != nil {
					if !errors.Is(err, tc.wantErr) {
						t.Fatalf("Submit = %v, want %v", err, tc.wantErr)
					}
					return
				}
				if c.Status != tc.want {
					t.Fatalf("status %s (%q), want %s", c.Status, c.SpamReasons, tc.want)
				}
				if tc.reason != "" && !strings.Contains(strings.Join(c.SpamReasons, "|"), tc.reason) {
					t.Errorf("reasons %q lack %q", c.SpamReasons, tc.reason)
				}
				stored, err := st.Comment(ctx, c.ID)
				if err != nil || stored.Status != c.Status || stored.Content != c.Content {
					t.Errorf("stored %+v, %v", stored, err)
				}
			})
		}
	})
}

func TestSubmitFloodAndDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		svc := e.service(comment.Config{})
		first := e.input("Ann")
		if _, err := svc.Submit(ctx, first); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name     string
			wait     time.Duration
			settings map[string]string
			edit     func(*comment.Input)
			want     error
		}{
			{"same ip too soon", 5 * time.Second, nil, func(in *comment.Input) { in.Email, in.Content = "other@example.org", "new" }, comment.ErrFlood},
			{"same email too soon", time.Second, nil, func(in *comment.Input) { in.IP, in.Content = "198.51.100.1", "new" }, comment.ErrFlood},
			{"flood off with 0", time.Second, map[string]string{"comment_flood_seconds": "0"}, func(in *comment.Input) { in.Content = "new" }, nil},
			{"flood longer window", 20 * time.Second, map[string]string{"comment_flood_seconds": "60"}, func(in *comment.Input) { in.Content = "newer" }, comment.ErrFlood},
			{"after the window", 16 * time.Second, nil, func(in *comment.Input) { in.Content = "later" }, nil},
			{"duplicate same name", time.Minute, nil, func(in *comment.Input) { in.Email, in.IP = "new@example.org", "198.51.100.2" }, comment.ErrDuplicate},
			{"duplicate same email", time.Minute, nil, func(in *comment.Input) { in.Author, in.IP = "Annie", "198.51.100.3" }, comment.ErrDuplicate},
			{"duplicate after normalizing", time.Minute, nil, func(in *comment.Input) {
				in.Email, in.Content = " ANN@example.org ", "  "+in.Content+"\r\n"
			}, comment.ErrDuplicate},
			{"same text, other reader", time.Minute, nil, func(in *comment.Input) { in.Author, in.Email, in.IP = "Bob", "bob@example.org", "198.51.100.4" }, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				defer e.resetSettings(t)
				e.clk.add(tc.wait)
				svc := e.service(comment.Config{})
				e.setAll(t, svc, tc.settings)
				in := first
				tc.edit(&in)
				_, err := svc.Submit(ctx, in)
				if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
					t.Fatalf("Submit = %v, want %v", err, tc.want)
				}
				if tc.want != nil && comment.HTTPStatus(err) != tc.want.(comment.Error).HTTPStatus() {
					t.Errorf("HTTPStatus = %d", comment.HTTPStatus(err))
				}
			})
		}
		if got := comment.HTTPStatus(comment.ErrFlood); got != 429 {
			t.Errorf("flood status %d", got)
		}
		if got := comment.HTTPStatus(comment.ErrDuplicate); got != 409 {
			t.Errorf("duplicate status %d", got)
		}
	})
}

func TestSubmitValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		svc := e.service(comment.Config{})
		in := e.input("Ann")
		in.Email, in.Content = "nope", ""
		_, err := svc.Submit(context.Background(), in)
		var ve *comment.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 2 || comment.HTTPStatus(err) != 400 {
			t.Fatalf("Submit = %v", err)
		}
		if ve.Fields[0].Field != "comment" || ve.Fields[1].Field != "email" {
			t.Errorf("fields %+v", ve.Fields)
		}
		n, _ := st.Comments(context.Background(), store.CommentQuery{})
		if len(n) != 0 {
			t.Errorf("invalid comment stored")
		}
	})
}

func TestSubmitFilterAndTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		tok := mustTokens(t, e.clk)
		e.setAll(t, e.service(comment.Config{}), map[string]string{"comment_previously_approved": "0", "disallowed_keys": "forbidden"})
		tests := []struct {
			name    string
			filter  *fakeFilter
			token   func() string
			noSeen  bool // post without the form-seen cookie
			wait    time.Duration
			edit    func(*comment.Input)
			want    comment.Status
			wantErr error
			reason  string
			noCheck bool // the filter must not be consulted
		}{
			{"filter spam", &fakeFilter{v: comment.Verdict{Class: comment.ClassSpam, Reasons: []string{"spammy words"}}}, nil, false, 0, nil, comment.StatusSpam, nil, "spammy words", false},
			{"filter discard", &fakeFilter{v: comment.Verdict{Class: comment.ClassDiscard, Reasons: []string{"blatant"}}}, nil, false, 0, nil, comment.StatusDiscard, nil, "blatant", false},
			{"filter ham, rules approve", &fakeFilter{v: comment.Verdict{Class: comment.ClassHam}}, nil, false, 0, nil, comment.StatusApproved, nil, "", false},
			{"filter ham, rules hold", &fakeFilter{v: comment.Verdict{Class: comment.ClassHam}}, nil, false, 0,
				func(in *comment.Input) { in.Content = "https://a.example https://b.example" }, comment.StatusPending, nil, "links", false},
			{"disallowed skips the filter", &fakeFilter{v: comment.Verdict{Class: comment.ClassHam}}, nil, false, 0,
				func(in *comment.Input) { in.Content = "forbidden" }, comment.StatusTrash, nil, "disallowed", true},
			{"good token, human pace", nil, func() string { return tok.Issue(e.open.ID) }, false, 30 * time.Second, nil, comment.StatusApproved, nil, "", false},
			{"form sent too fast", nil, func() string { return tok.Issue(e.open.ID) }, false, 500 * time.Millisecond, nil, comment.StatusPending, nil, "after it was served", false},
			{"no form-seen cookie", nil, func() string { return tok.Issue(e.open.ID) }, true, 30 * time.Second, nil, comment.StatusPending, nil, "timing unknown", false},
			{"token expired", nil, func() string { return tok.Issue(e.open.ID) }, false, 25 * time.Hour, nil, comment.StatusPending, nil, "expired", false},
			{"token missing", nil, func() string { return "" }, false, 0, nil, "", comment.ErrToken, "", false},
			{"token forged", nil, func() string { return tok.Issue(e.old.ID) }, false, time.Minute, nil, "", comment.ErrToken, "", false},
			{"honeypot filled", nil, func() string { return tok.Issue(e.open.ID) }, false, time.Minute,
				func(in *comment.Input) { in.Honeypot = "http://spam.example" }, comment.StatusSpam, nil, "honeypot", false},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				cfg := comment.Config{}
				if tc.filter != nil {
					cfg.Filter = tc.filter
				}
				if tc.token != nil {
					cfg.Tokens = tok
				}
				svc := e.service(cfg)
				e.clk.add(time.Minute) // clear of the flood window
				in := e.input(fmt.Sprintf("Reader %d", i))
				if tc.token != nil {
					in.Token = tc.token()
					if !tc.noSeen {
						in.Seen = tok.Seen()
					}
				}
				if tc.edit != nil {
					tc.edit(&in)
				}
				e.clk.add(tc.wait)
				c, err := svc.Submit(ctx, in)
				if tc.wantErr != nil {
					if !errors.Is(err, tc.wantErr) || comment.HTTPStatus(err) != 400 {
						t.Fatalf("Submit = %v (status %d), want %v", err, comment.HTTPStatus(err), tc.wantErr)
					}
					if n, _ := st.Comments(ctx, store.CommentQuery{}); slices.ContainsFunc(n, func(c *comment.Comment) bool { return c.Author == in.Author }) {
						t.Error("a refused comment was stored")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if c.Status != tc.want || (tc.reason != "" && !strings.Contains(strings.Join(c.SpamReasons, "|"), tc.reason)) {
					t.Errorf("status %s %q, want %s with %q", c.Status, c.SpamReasons, tc.want, tc.reason)
				}
				if tc.filter != nil && (tc.filter.hits == 0) != tc.noCheck {
					t.Errorf("filter consulted %d times", tc.filter.hits)
				}
			})
		}
		t.Run("filter sees token state and form age", func(t *testing.T) {
			f := &fakeFilter{v: comment.Verdict{Class: comment.ClassHam}}
			svc := e.service(comment.Config{Filter: f, Tokens: tok})
			in := e.input("Meta Reader")
			in.Token, in.Seen, in.Honeypot = tok.Issue(e.open.ID), tok.Seen(), "x"
			e.clk.add(700 * time.Millisecond)
			if _, err := svc.Submit(ctx, in); err != nil {
				t.Fatal(err)
			}
			m := f.got
			if m.Token != comment.TokenOK || m.FormAge != 700*time.Millisecond || m.Honeypot != "x" ||
				m.Permalink != e.open.Path() || len(m.Disallowed) != 1 || m.ArticleAge <= 0 {
				t.Errorf("meta = %+v", m)
			}
			in.Content += " again"
			e.clk.add(time.Minute)
			if _, err := svc.Submit(ctx, in); err != nil {
				t.Fatal(err)
			}
			if f.got.Token != comment.TokenReplayed {
				t.Errorf("replayed form-seen cookie reported as %v", f.got.Token)
			}
			in.Content += ", from another address"
			in.IP = "198.51.100.40"
			e.clk.add(time.Minute)
			if _, err := svc.Submit(ctx, in); err != nil {
				t.Fatal(err)
			}
			if f.got.Token != comment.TokenOK {
				t.Errorf("the same cookie value from another IP reported as %v", f.got.Token)
			}
		})
	})
}

func TestThreadPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		svc := e.service(comment.Config{})
		e.setAll(t, svc, map[string]string{"comments_per_page": "2", "comment_previously_approved": "0", "comment_flood_seconds": "0"})
		var ids []int64
		for i, parent := range []int{-1, 0, -1, -1} { // -1: top level; else index of parent
			in := e.input(fmt.Sprintf("R%d", i))
			if parent >= 0 {
				in.ParentID = ids[parent]
			}
			e.clk.add(time.Minute)
			c, err := svc.Submit(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		e.setAll(t, svc, map[string]string{"comment_moderation": "1"})
		e.clk.add(time.Minute)
		held, err := svc.Submit(ctx, e.input("Held"))
		if err != nil || held.Status != comment.StatusPending {
			t.Fatal(held, err)
		}
		p1, err := svc.Thread(ctx, e.open.ID, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p1.Count != 4 || p1.Pages != 2 || shape(p1.Threads) != fmt.Sprintf("%d(1)[%d(2)] %d(1)", ids[0], ids[1], ids[2]) {
			t.Errorf("page 1: count %d pages %d %s", p1.Count, p1.Pages, shape(p1.Threads))
		}
		p2, _ := svc.Thread(ctx, e.open.ID, 2, []int64{held.ID})
		if p2.Count != 4 || p2.Pages != 2 || shape(p2.Threads) != fmt.Sprintf("%d(1) %d(1)", ids[3], held.ID) {
			t.Errorf("page 2 with held: count %d pages %d %s", p2.Count, p2.Pages, shape(p2.Threads))
		}
		e.setAll(t, svc, map[string]string{"comment_order": "desc"})
		d1, _ := svc.Thread(ctx, e.open.ID, 1, nil)
		if shape(d1.Threads) != fmt.Sprintf("%d(1) %d(1)", ids[3], ids[2]) {
			t.Errorf("desc page 1: %s", shape(d1.Threads))
		}
	})
}

func TestServiceSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := comment.NewService(comment.Config{Store: st})
		b := comment.NewService(comment.Config{Store: st, SettingsTTL: 100 * time.Millisecond}) // "another process"
		if v, _ := b.Setting(ctx, "comments_per_page"); v != "50" {
			t.Fatalf("default = %q", v)
		}
		if err := a.SetSetting(ctx, "comments_per_page", "20"); err != nil {
			t.Fatal(err)
		}
		if v, _ := a.Setting(ctx, "comments_per_page"); v != "20" {
			t.Errorf("own change not seen at once: %q", v)
		}
		deadline := time.Now().Add(time.Second)
		for {
			v, _ := b.Setting(ctx, "comments_per_page")
			if v == "20" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("other service did not see the change within a second")
			}
			time.Sleep(20 * time.Millisecond)
		}
		for _, bad := range [][2]string{{"nope", "1"}, {"comments_per_page", "many"}, {"comment_order", ""}} {
			if err := a.SetSetting(ctx, bad[0], bad[1]); err == nil {
				t.Errorf("SetSetting(%q, %q) accepted", bad[0], bad[1])
			}
		}
		if _, err := a.Setting(ctx, "nope"); err == nil {
			t.Error("unknown key read")
		}
		list, err := a.SettingValues(ctx)
		if err != nil || len(list) != len(comment.Keys()) {
			t.Fatalf("SettingValues: %d, %v", len(list), err)
		}
		for _, sv := range list {
			if sv.Name == "comments_per_page" && (sv.Value != "20" || sv.Default != "50") {
				t.Errorf("listed %+v", sv)
			}
		}
	})
}

func TestSweep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		svc := e.service(comment.Config{})
		old := &comment.Comment{ArticleID: e.open.ID, Author: "a", Content: "old", IP: "192.0.2.1",
			Status: comment.StatusApproved, Created: e.clk.t.AddDate(0, 0, -31)}
		junk := &comment.Comment{ArticleID: e.open.ID, Author: "b", Content: "junk", IP: "192.0.2.2",
			Status: comment.StatusDiscard, Created: e.clk.t.AddDate(0, 0, -31)}
		fresh := &comment.Comment{ArticleID: e.open.ID, Author: "c", Content: "new", IP: "192.0.2.3",
			Status: comment.StatusApproved, Created: e.clk.t.AddDate(0, 0, -29)}
		for _, c := range []*comment.Comment{old, junk, fresh} {
			if err := st.InsertComment(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
		}
		erased, purged, err := svc.Sweep(ctx)
		if err != nil || erased != 2 || purged != 1 {
			t.Errorf("Sweep = %d, %d, %v", erased, purged, err)
		}
		if c, _ := st.Comment(ctx, fresh.ID); c.IP == "" {
			t.Error("fresh IP erased")
		}
	})
}

// TestHeldShownToAuthor checks what a reader's held cookie brings back: a
// comment the rules or the filter turned away shows to its author just as
// a pending one does, until a moderator decides; nothing shows to others.
func TestHeldShownToAuthor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		f := &fakeFilter{v: comment.Verdict{Class: comment.ClassHam}}
		svc := e.service(comment.Config{Filter: f})
		e.setAll(t, svc, map[string]string{"comment_previously_approved": "0", "disallowed_keys": "forbidden", "comment_flood_seconds": "0",
			"comments_per_page": "2"})
		post := func(who, text string, class comment.Class) *comment.Comment {
			t.Helper()
			f.v = comment.Verdict{Class: class}
			in := e.input(who)
			in.Content = text
			e.clk.add(time.Minute)
			c, err := svc.Submit(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		approved := post("Ann", "fine", comment.ClassHam)
		trashed := post("Bob", "forbidden words", comment.ClassHam)
		discarded := post("Cy", "blatant", comment.ClassDiscard)
		moderated := post("Dee", "spam later", comment.ClassHam)
		if trashed.Status != comment.StatusTrash || discarded.Status != comment.StatusDiscard || moderated.Status != comment.StatusApproved {
			t.Fatalf("statuses %s %s %s", trashed.Status, discarded.Status, moderated.Status)
		}
		if err := st.SetCommentStatus(ctx, moderated.ID, comment.StatusSpam, "editor"); err != nil {
			t.Fatal(err)
		}
		held := []int64{trashed.ID, discarded.ID, moderated.ID, 999999}
		p, err := svc.Thread(ctx, e.open.ID, 1, held)
		if err != nil {
			t.Fatal(err)
		}
		if p.Count != 1 || !slices.Equal(p.Held, []int64{trashed.ID, discarded.ID}) || p.Pages != 2 {
			t.Errorf("with the cookie: count %d, held %v, pages %d", p.Count, p.Held, p.Pages)
		}
		if p, _ := svc.Thread(ctx, e.old.ID, 1, held); len(p.Held) != 0 {
			t.Errorf("held comments of one article shown on another: %v", p.Held)
		}
		public, _ := svc.Thread(ctx, e.open.ID, 1, nil)
		if public.Count != 1 || len(public.Held) != 0 || shape(public.Threads) != fmt.Sprintf("%d(1)", approved.ID) {
			t.Errorf("without the cookie: %s, held %v", shape(public.Threads), public.Held)
		}
		pages, err := svc.CommentPages(ctx, e.open.ID, held)
		if err != nil {
			t.Fatal(err)
		}
		if pages[approved.ID] != 1 || pages[trashed.ID] != 1 || pages[discarded.ID] != 2 || pages[moderated.ID] != 0 {
			t.Errorf("pages %v", pages)
		}
	})
}
