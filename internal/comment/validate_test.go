package comment_test

import (
	"strings"
	"testing"

	"masthead/internal/comment"
)

func TestValidate(t *testing.T) {
	good := comment.Input{ArticleID: 1, Author: "Ann", Email: "ann@example.org", Content: "Hello"}
	optional := comment.DefaultSettings()
	optional.RequireNameEmail = false
	tests := []struct {
		name  string
		edit  func(*comment.Input)
		set   *comment.Settings
		field string // "" for no error
		msg   string
	}{
		{"good", func(*comment.Input) {}, nil, "", ""},
		{"empty comment", func(in *comment.Input) { in.Content = "" }, nil, "comment", "Please type your comment."},
		{"blank comment", func(in *comment.Input) { in.Content = " \n\t\r\n " }, nil, "comment", "Please type your comment."},
		{"comment at limit", func(in *comment.Input) { in.Content = strings.Repeat("é", 65525) }, nil, "", ""},
		{"comment too long", func(in *comment.Input) { in.Content = strings.Repeat("x", 65526) }, nil, "comment", "Your comment is too long (65,525 characters at most)."},
		{"comment invalid utf-8", func(in *comment.Input) { in.Content = "bad \xff byte" }, nil, "comment", "Your comment contains characters that are not allowed."},
		{"comment control chars stripped", func(in *comment.Input) { in.Content = "ok\x00\x07\x1b" }, nil, "", ""},
		{"comment only control chars", func(in *comment.Input) { in.Content = "\x00\x01" }, nil, "comment", "Please type your comment."},
		{"name required", func(in *comment.Input) { in.Author = " " }, nil, "author", "Please enter your name."},
		{"name optional by setting", func(in *comment.Input) { in.Author, in.Email = "", "" }, &optional, "", ""},
		{"name at limit", func(in *comment.Input) { in.Author = strings.Repeat("n", 245) }, nil, "", ""},
		{"name too long", func(in *comment.Input) { in.Author = strings.Repeat("n", 246) }, nil, "author", "Your name is too long (245 characters at most)."},
		{"name with newline", func(in *comment.Input) { in.Author = "Ann\nBcc: x" }, nil, "author", "Your name contains characters that are not allowed."},
		{"name with bidi override", func(in *comment.Input) { in.Author = "Ann\u202e" }, nil, "author", "Your name contains characters that are not allowed."},
		{"name invalid utf-8", func(in *comment.Input) { in.Author = "\xc3" }, nil, "author", "Your name contains characters that are not allowed."},
		{"email required", func(in *comment.Input) { in.Email = "" }, nil, "email", "Please enter your email address."},
		{"email invalid", func(in *comment.Input) { in.Email = "ann" }, nil, "email", "Please enter a valid email address."},
		{"email no dot", func(in *comment.Input) { in.Email = "ann@localhost" }, nil, "email", "Please enter a valid email address."},
		{"email with name", func(in *comment.Input) { in.Email = "Ann <ann@example.org>" }, nil, "email", "Please enter a valid email address."},
		{"email invalid even if optional", func(in *comment.Input) { in.Email = "x@" }, &optional, "email", "Please enter a valid email address."},
		{"email too long", func(in *comment.Input) { in.Email = strings.Repeat("a", 89) + "@example.org" }, nil, "email", "Your email address is too long (100 characters at most)."},
		{"url without scheme", func(in *comment.Input) { in.URL = "example.org/me" }, nil, "", ""},
		{"url javascript", func(in *comment.Input) { in.URL = "javascript:alert(1)" }, nil, "url", "Please enter a valid website address."},
		{"url data", func(in *comment.Input) { in.URL = "data:text/html,<script>" }, nil, "url", "Please enter a valid website address."},
		{"url with quote", func(in *comment.Input) { in.URL = `http://x.org/"onmouseover="alert(1)` }, nil, "url", "Please enter a valid website address."},
		{"url too long", func(in *comment.Input) { in.URL = "https://example.org/" + strings.Repeat("p", 181) }, nil, "url", "Your website address is too long (200 characters at most)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.edit(&in)
			set := comment.DefaultSettings()
			if tc.set != nil {
				set = *tc.set
			}
			errs := comment.Validate(in, set)
			if tc.field == "" {
				if len(errs) != 0 {
					t.Fatalf("errors %v, want none", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != tc.field || errs[0].Message != tc.msg {
				t.Fatalf("errors %v, want %s: %q", errs, tc.field, tc.msg)
			}
		})
	}
}

func TestValidateAllAtOnce(t *testing.T) {
	errs := comment.Validate(comment.Input{}, comment.DefaultSettings())
	if len(errs) != 3 {
		t.Fatalf("empty form: %v, want comment, author and email", errs)
	}
}

func TestNormalize(t *testing.T) {
	in := comment.Normalize(comment.Input{
		Author: "  Ann  ", Email: " Ann@Example.ORG ", URL: " example.org ",
		Content: "  line one\r\nline two\x00\r\rend  ", UserAgent: "UA\x00",
	})
	want := comment.Input{Author: "Ann", Email: "ann@example.org", URL: "http://example.org",
		Content: "line one\nline two\n\nend", UserAgent: "UA"}
	if in != want {
		t.Errorf("Normalize = %+v\nwant %+v", in, want)
	}
}
