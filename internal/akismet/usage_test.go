package akismet

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

func TestUsageLimit(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		for range 3 {
			e.call("/1.1/comment-check", "", comment())
		}
		if err := e.h.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		e.call("/1.1/comment-check", "", comment()) // not flushed yet: counts all the same

		for _, method := range []string{"GET", "POST"} {
			r := e.do(method, "/1.2/usage-limit?api_key="+testKey, "", "", "")
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Fatalf("%s: %d %s", method, r.status, r.header.Get("Content-Type"))
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(r.body), &got); err != nil {
				t.Fatalf("%s: %v in %s", method, err, r.body)
			}
			want := map[string]any{"limit": "none", "usage": float64(4), "percentage": "0.00", "throttled": false}
			if len(got) != len(want) {
				t.Errorf("%s: %s, want exactly the keys of %v", method, r.body, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: %s = %v, want %v", method, k, got[k], v)
				}
			}
		}
		if r := e.call("/1.2/usage-limit", "", url.Values{"api_key": {"nope"}}); r.body != "invalid" {
			t.Errorf("unknown key: %q", r.body)
		}
	})
}

func TestKeySites(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		e.call("/1.1/comment-check", "", comment())
		e.call("/1.1/comment-check", "", comment("comment_author", "akismet-guaranteed-spam"))

		r := e.call("/1.2/key-sites", "", url.Values{"api_key": {testKey}})
		want := `{"2026-04":[{"site":"https://blog.example","api_calls":"2","spam":"1","ham":"1",` +
			`"missed_spam":"0","false_positives":"0","is_revoked":false}],"limit":500,"offset":0,"total":1}`
		if strings.TrimSpace(r.body) != want {
			t.Errorf("key-sites =\n%s\nwant\n%s", r.body, want)
		}
		for _, tc := range []struct {
			name string
			form url.Values
			want string
		}{
			{"another month", url.Values{"month": {"2026-03"}, "limit": {"10"}},
				`{"2026-03":[{"site":"https://blog.example","api_calls":"0","spam":"0","ham":"0","missed_spam":"0","false_positives":"0","is_revoked":false}],"limit":10,"offset":0,"total":1}`},
			{"filter that matches", url.Values{"filter": {"blog.exam"}},
				`"total":1`},
			{"filter that does not", url.Values{"filter": {"other.example"}},
				`{"2026-04":[],"limit":500,"offset":0,"total":0}`},
			{"offset past the end", url.Values{"offset": {"1"}},
				`{"2026-04":[],"limit":500,"offset":1,"total":1}`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.form.Set("api_key", testKey)
				r := e.call("/1.2/key-sites", "", tc.form)
				if !strings.Contains(r.body, tc.want) {
					t.Errorf("got %s, want it to contain %s", r.body, tc.want)
				}
			})
		}
		r = e.call("/1.2/key-sites", "", url.Values{"api_key": {testKey}, "format": {"csv"}})
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(r.body, "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked\nhttps://blog.example,2,1,1,0,0,false\n") {
			t.Errorf("csv: %s\n%s", r.header.Get("Content-Type"), r.body)
		}
		if r := e.call("/1.2/key-sites", "", url.Values{"api_key": {testKey}, "month": {"2026-13"}}); r.body != "invalid" || r.header.Get("X-akismet-debug-help") == "" {
			t.Errorf("bad month: %q", r.body)
		}
	})
}
