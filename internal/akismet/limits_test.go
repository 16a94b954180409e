package akismet

import (
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestRateLimit(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		const limited = "ratelimited3"
		e.addKey(limited, "https://busy.example", 3) // 3 a minute: one every 20 s
		c := comment("api_key", limited)
		for i := range 3 {
			if r := e.call("/1.1/comment-check", "", c); r.body != "false" {
				t.Fatalf("call %d within the limit: %q", i+1, r.body)
			}
		}
		r := e.call("/1.1/comment-check", "", c)
		if r.status != 200 || r.body != "throttled" {
			t.Fatalf("4th call in a minute: %d %q, want 200 \"throttled\"", r.status, r.body)
		}
		if help := r.header.Get("X-akismet-debug-help"); !strings.Contains(help, "3 calls a minute") {
			t.Errorf("X-akismet-debug-help = %q, want the limit", help)
		}
		if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Errorf("Retry-After = %q", ra)
		}
		if r := e.call("/1.1/submit-spam", "", c); r.body != "throttled" {
			t.Errorf("submit-spam over the limit: %q, want throttled", r.body)
		}
		if r := e.call("/1.2/usage-limit", "", url.Values{"api_key": {testKey}}); !strings.Contains(r.body, `"throttled":false`) {
			t.Errorf("another key's usage says %s; its limit is its own", r.body)
		}
		if r := e.call("/1.1/comment-check", "", comment()); r.body != "false" {
			t.Errorf("a key without a limit was refused: %q", r.body)
		}

		e.clock.advance(21 * time.Second)
		if r := e.call("/1.1/comment-check", "", c); r.body != "false" {
			t.Errorf("21 s later: %q, want the call through", r.body)
		}
		if r := e.call("/1.1/comment-check", "", c); r.body != "throttled" {
			t.Errorf("right after: %q, want throttled again", r.body)
		}
		e.clock.advance(time.Hour) // the limiter then holds a minute's worth, no more
		for i := range 4 {
			want := "false"
			if i == 3 {
				want = "throttled"
			}
			if r := e.call("/1.1/comment-check", "", c); r.body != want {
				t.Errorf("after an idle hour, call %d: %q, want %q", i+1, r.body, want)
			}
		}
	})
}

func TestBigAndBrokenInput(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		megabyte := strings.Repeat("spam and eggs ", (1<<20)/14+1)
		if r := e.call("/1.1/comment-check", "", comment("comment_content", megabyte)); r.status != 200 || r.body != "false" {
			t.Errorf("1 MB comment: %d %q, want it scored", r.status, r.body)
		}
		huge := strings.Repeat("x", 3<<20)
		r := e.call("/1.1/comment-check", "", comment("comment_content", huge))
		if r.status != 200 || r.body != "invalid" || !strings.Contains(r.header.Get("X-akismet-debug-help"), "2 MB") {
			t.Errorf("3 MB body: %d %q %q, want invalid with a debug header", r.status, r.body, r.header.Get("X-akismet-debug-help"))
		}

		// Invalid UTF-8 everywhere, raw in the body.
		broken := comment("comment_author", "akismet-guaranteed-spam").Encode() +
			"&comment_content=%FF%FE%80abc%C3&user_agent=%ED%A0%80&comment_author_url=%C0%AF"
		r = e.do("POST", "/1.1/comment-check", "", "application/x-www-form-urlencoded", broken)
		if r.status != 200 || r.body != "true" {
			t.Errorf("invalid UTF-8: %d %q", r.status, r.body)
		}
		plain := comment("comment_content", "%FF%FE%80abc").Encode()
		e.do("POST", "/1.1/comment-check", "", "application/x-www-form-urlencoded", plain)
		if got := e.model.LastChecked().Content; !utf8.ValidString(got) {
			t.Errorf("the filter was handed invalid UTF-8: %q", got)
		}

		// ISO-8859-1 from a client that says so: "café" arrives as caf\xe9.
		if r := e.call("/1.1/submit-spam", "", comment("comment_content", "café")); r.body != bodyThanks {
			t.Fatal(r.body)
		}
		latin1 := comment("blog_charset", "ISO-8859-1", "comment_content", "").Encode() + "&comment_content=caf%E9"
		if r := e.do("POST", "/1.1/comment-check", "", "application/x-www-form-urlencoded", latin1); r.body != "true" {
			t.Errorf("latin-1 café after café was reported: %q, want true", r.body)
		}
		if got := e.model.LastChecked().Content; got != "café" {
			t.Errorf("latin-1 content reached the filter as %q", got)
		}
	})
}

// Whatever arrives, the answer is never a 5xx.
func TestNeverAServerError(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		paths := []string{"/1.1/verify-key", "/1.1/comment-check", "/1.1/submit-spam", "/1.1/submit-ham", "/1.2/usage-limit", "/1.2/key-sites"}
		bodies := []string{
			"", "&&&", "=", "==&=&", "%", "%%%", "%zz=%zz", "api_key=%", strings.Repeat("a=b&", 50000),
			"api_key=" + testKey + "&blog=x&user_ip=1&comment_content=%00%01%02",
			"api_key=" + testKey + "&month=9999-99&limit=-5&offset=99999999999999999999&format=csv",
			"api_key=" + testKey + "&limit=9223372036854775807&offset=9223372036854775807",
			"api_key=" + testKey + "&blog=x&user_ip=1&honeypot_field_name=&comment_post_modified_gmt=garbage&comment_date_gmt=-1",
			"api_key=" + strings.Repeat("k", 100000),
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for range 40 {
			b := make([]byte, rng.IntN(300))
			for i := range b {
				b[i] = byte(rng.IntN(256))
			}
			bodies = append(bodies, "api_key="+testKey+"&blog=x&user_ip=1&"+string(b))
		}
		hosts := []string{"", "[::1]:80", "a.b.c.d.e.f", "..", "x..y.z", testKey + ".akismet.test", strings.Repeat("k", 70) + ".a.b"}
		contentTypes := []string{"", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json", "charset=latin1", "text/plain; charset=bogus-charset"}
		n := 0
		for _, p := range paths {
			for i, b := range bodies {
				for _, method := range []string{"POST", "GET", "PUT"} {
					r := e.do(method, p, hosts[i%len(hosts)], contentTypes[i%len(contentTypes)], b)
					n++
					if r.status >= 500 {
						t.Errorf("%s %s with body %.40q: status %d", method, p, b, r.status)
					}
				}
			}
		}
		t.Logf("%d odd requests, none answered with a 5xx", n)
	})
}

func TestParametersReachTheFilter(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		form := comment(
			"comment_author_url", "https://ann.example",
			"referrer", "https://search.example/?q=story",
			"comment_type", "reply",
			"user_role", "subscriber",
			"comment_post_modified_gmt", "2026-03-11T12:00:00Z",
			"comment_date_gmt", "2026-04-10 12:00:00",
			"honeypot_field_name", "hp_website",
			"hp_website", "",
		)
		if r := e.call("/1.1/comment-check", "", form); r.body != "false" {
			t.Fatalf("got %q", r.body)
		}
		got := e.model.LastChecked()
		for _, f := range []struct{ name, got, want string }{
			{"Author", got.Author, "Ann Reader"},
			{"Email", got.Email, "ann@reader.example"},
			{"URL", got.URL, "https://ann.example"},
			{"Content", got.Content, "Thanks for this piece on the election, very clear."},
			{"IP", got.IP, "203.0.113.7"},
			{"UserAgent", got.UserAgent, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"},
			{"Referrer", got.Referrer, "https://search.example/?q=story"},
			{"Permalink", got.Permalink, "https://blog.example/2026/04/story/"},
			{"Type", got.Type, "reply"},
			{"UserRole", got.UserRole, "subscriber"},
			{"Honeypot", got.Honeypot, ""},
			{"ArticleAge", got.ArticleAge.String(), (30 * 24 * time.Hour).String()},
		} {
			if f.got != f.want {
				t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
			}
		}

		// Multipart bodies name the honeypot too.
		var mp strings.Builder
		mw := multipart.NewWriter(&mp)
		for k, vs := range comment("honeypot_field_name", "trap", "trap", "gotcha") {
			mw.WriteField(k, vs[0])
		}
		mw.Close()
		if r := e.do("POST", "/1.1/comment-check", "", mw.FormDataContentType(), mp.String()); r.body != "true" {
			t.Errorf("filled honeypot, multipart: %q, want true", r.body)
		}

		// The honeypot field may come before or after its name.
		filled := comment("hp_website", "http://spam.example").Encode() + "&honeypot_field_name=hp_website"
		if r := e.do("POST", "/1.1/comment-check", "", "application/x-www-form-urlencoded", filled); r.body != "true" {
			t.Errorf("filled honeypot: %q, want true", r.body)
		}
		if got := e.model.LastChecked().Honeypot; got != "http://spam.example" {
			t.Errorf("Honeypot = %q", got)
		}
		// Without comment_date_gmt the article's age runs to now.
		e.call("/1.1/comment-check", "", comment("comment_post_modified_gmt", fmt.Sprint(e.clock.now().Add(-48*time.Hour).Unix())))
		if age := e.model.LastChecked().ArticleAge; age != 48*time.Hour {
			t.Errorf("ArticleAge from a Unix time = %v, want 48h", age)
		}
	})
}
