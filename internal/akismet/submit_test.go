package akismet

import (
	"context"
	"net/url"
	"testing"

	"masthead/internal/store"
)

func TestSubmitSpamChangesTheNextVerdict(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := comment("comment_content", "great deals at my casino site", "comment_author", "Lucky")
		if r := e.call("/1.1/comment-check", "", c); r.body != "false" {
			t.Fatalf("before any report: %q, want false", r.body)
		}
		r := e.call("/1.1/submit-spam", "", c)
		if r.status != 200 || r.body != "Thanks for making the web a better place." {
			t.Fatalf("submit-spam: %d %q", r.status, r.body)
		}
		if r := e.call("/1.1/comment-check", "", c); r.body != "true" {
			t.Errorf("after submit-spam: %q, want true", r.body)
		}
		// The moderator changes their mind, twice over.
		for range 2 {
			if r := e.call("/1.1/submit-ham", "", c); r.body != bodyThanks {
				t.Fatalf("submit-ham: %q", r.body)
			}
		}
		if r := e.call("/1.1/comment-check", "", c); r.body != "false" {
			t.Errorf("after submit-ham twice: %q, want false", r.body)
		}
		evs, err := e.st.SpamEventsAfter(context.Background(), 0, 10)
		if err != nil || len(evs) != 3 || evs[0].Label != "spam" || evs[0].Source != "akismet" || evs[2].Label != "ham" {
			t.Errorf("learning log = %+v, %v; want spam, ham, ham from akismet", evs, err)
		}
	})
}

func TestSubmitLearnsNothingFromTestsOrWithoutAValidKey(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := comment("comment_content", "buy followers today")
		for _, tc := range []struct {
			name string
			host string
			form url.Values
			want string
		}{
			{"is_test=1", "", withParam(c, "is_test", "1"), bodyThanks},
			{"is_test=true", "", withParam(c, "is_test", "true"), bodyThanks},
			{"no key", "", withParam(c, "api_key", ""), "invalid"},
			{"wrong key", "", withParam(c, "api_key", "badbadbad"), "invalid"},
			{"wrong key in the Host", "badbadbad.akismet.test", withParam(c, "api_key", ""), "invalid"},
			{"missing user_ip", "", withParam(c, "user_ip", ""), "invalid"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for _, path := range []string{"/1.1/submit-spam", "/1.1/submit-ham"} {
					if r := e.call(path, tc.host, tc.form); r.status != 200 || r.body != tc.want {
						t.Errorf("%s: %d %q, want 200 %q", path, r.status, r.body, tc.want)
					}
				}
				if evs, _ := e.st.SpamEventsAfter(context.Background(), 0, 10); len(evs) != 0 {
					t.Errorf("%d events were learned", len(evs))
				}
				if r := e.call("/1.1/comment-check", "", c); r.body != "false" {
					t.Errorf("verdict changed to %q", r.body)
				}
			})
		}
	})
}

func TestSubmitCountsMissedSpamAndFalsePositives(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		missed := comment("comment_content", "visit my shop for watches")
		e.call("/1.1/comment-check", "", missed) // ham
		e.call("/1.1/submit-spam", "", missed)   // missed spam
		e.call("/1.1/submit-spam", "", missed)   // already known as spam: not counted again

		caught := comment("comment_author", "akismet-guaranteed-spam")
		e.call("/1.1/comment-check", "", caught) // spam
		e.call("/1.1/submit-ham", "", caught)    // false positive

		never := comment("comment_content", "never checked before")
		e.call("/1.1/submit-spam", "", never) // nothing to compare with

		if err := e.h.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		k, err := e.st.APIKey(ctx, testKey)
		if err != nil {
			t.Fatal(err)
		}
		want := store.APIKeyCounts{Calls: 2, Spam: 1, Ham: 1, MissedSpam: 1, FalsePositives: 1}
		if k.Counts != want {
			t.Errorf("counts in the database = %+v, want %+v", k.Counts, want)
		}
		month, _ := e.st.APIKeyMonth(ctx, testKey, "2026-04")
		if month != want {
			t.Errorf("counts for 2026-04 = %+v, want %+v", month, want)
		}
		if err := e.h.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if k, _ := e.st.APIKey(ctx, testKey); k.Counts != want {
			t.Errorf("a second flush changed the counts to %+v", k.Counts)
		}
	})
}

func withParam(v url.Values, name, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	if value == "" {
		out.Del(name)
	} else {
		out.Set(name, value)
	}
	return out
}
