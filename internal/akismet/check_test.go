package akismet

import (
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
)

func TestCommentCheck(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		withoutKey := comment("api_key", "")
		for _, tc := range []struct {
			name, host string
			form       url.Values
			want       string
			help       string // substring of X-akismet-debug-help; "" = no header
		}{
			{"ordinary comment", "", comment(), "false", ""},
			{"key in the Host subdomain", testKey + ".akismet.test:8080", withoutKey, "false", ""},
			{"key in the body wins over the Host", "nokey.rest.akismet.com", comment(), "false", ""},
			{"missing key", "", withoutKey, "invalid", "api_key"},
			{"missing key, Host without subdomain", "akismet.test", withoutKey, "invalid", "api_key"},
			{"wrong key", "", comment("api_key", "ffffffffffff"), "invalid", "Invalid API key"},
			{"wrong key in the Host", "ffffffffffff.akismet.test", withoutKey, "invalid", "Invalid API key"},
			{"IP address as Host is no key", "127.0.0.1:80", withoutKey, "invalid", "api_key"},
			{"missing blog", "", comment("blog", ""), "invalid", "blog"},
			{"missing user_ip", "", comment("user_ip", ""), "invalid", "user_ip"},
			{"guaranteed-spam author", "", comment("comment_author", "akismet-guaranteed-spam"), "true", ""},
			{"guaranteed-spam email", "", comment("comment_author_email", "akismet-guaranteed-spam@example.com"), "true", ""},
			{"administrator is ham", "", comment("user_role", "administrator"), "false", ""},
			{"unknown parameters are ignored", "", comment("HTTP_ACCEPT", "text/html", "comment_context[]", "politics", "recheck_reason", "edit", "blog_lang", "en_us", "x", "y"), "false", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := e.call("/1.1/comment-check", tc.host, tc.form)
				if r.status != 200 || r.body != tc.want {
					t.Errorf("got %d %q, want 200 %q", r.status, r.body, tc.want)
				}
				help := r.header.Get("X-akismet-debug-help")
				if tc.help == "" && help != "" || !strings.Contains(help, tc.help) {
					t.Errorf("X-akismet-debug-help = %q, want it to mention %q", help, tc.help)
				}
				if r.body != "invalid" && r.header.Get("X-akismet-guid") == "" {
					t.Error("no X-akismet-guid on an answered check")
				}
			})
		}
	})
}

func TestCommentCheckContentTypes(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		form := comment("comment_author", "akismet-guaranteed-spam")
		body := form.Encode()
		var mp strings.Builder
		mw := multipart.NewWriter(&mp)
		for k, vs := range form {
			mw.WriteField(k, vs[0])
		}
		mw.Close()
		for _, tc := range []struct{ name, method, path, contentType, body string }{
			{"multipart (PHP curl with an array)", "POST", "/1.1/comment-check", mw.FormDataContentType(), mp.String()},
			{"form", "POST", "/1.1/comment-check", "application/x-www-form-urlencoded", body},
			{"form with charset", "POST", "/1.1/comment-check", "application/x-www-form-urlencoded; charset=UTF-8", body},
			{"charset alone (node's akismet sends this)", "POST", "/1.1/comment-check", "charset=utf-8", body},
			{"no content type", "POST", "/1.1/comment-check", "", body},
			{"query string", "GET", "/1.1/comment-check?" + body, "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do(tc.method, tc.path, "", tc.contentType, tc.body)
				if r.status != 200 || r.body != "true" {
					t.Errorf("got %d %q, want 200 \"true\"", r.status, r.body)
				}
			})
		}
	})
}

func TestCommentCheckDiscardAndReasons(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		pitch := comment("comment_author", "Pill Seller", "comment_author_email", "Seller@Pills.example",
			"comment_content", "cheap pills online no prescription")
		if r := e.call("/1.1/submit-spam", "", pitch); r.body != bodyThanks {
			t.Fatalf("submit-spam: %q", r.body)
		}
		r := e.call("/1.1/comment-check", "", pitch)
		if r.body != "true" {
			t.Fatalf("after submit-spam the same comment is %q, want true", r.body)
		}
		if tip := r.header.Get("X-akismet-pro-tip"); tip != "discard" {
			t.Errorf("X-akismet-pro-tip = %q, want discard for a comment every word of which is learned spam", tip)
		}
		reasons := r.header.Get("X-masthead-reasons")
		if !strings.Contains(reasons, "seen in spam: pills") {
			t.Errorf("X-masthead-reasons = %q, want the model's reasons", reasons)
		}
		if strings.Contains(strings.ToLower(reasons), "seller@pills.example") || strings.Contains(reasons, "@") {
			t.Errorf("X-masthead-reasons = %q shows the commenter's e-mail", reasons)
		}
		if !strings.Contains(reasons, "[email]") {
			t.Errorf("X-masthead-reasons = %q: the e-mail reason should be there, redacted", reasons)
		}

		mild := comment("comment_content", "cheap flights")
		r = e.call("/1.1/comment-check", "", mild)
		if r.body != "true" || r.header.Get("X-akismet-pro-tip") != "" {
			t.Errorf("mild spam: %q with pro-tip %q, want true without discard", r.body, r.header.Get("X-akismet-pro-tip"))
		}
		if r := e.call("/1.1/comment-check", "", comment()); r.header.Get("X-akismet-pro-tip") != "" {
			t.Error("pro-tip on ham")
		}
	})
}
