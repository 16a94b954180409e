package spam

import (
	"strings"
	"testing"
	"time"
)

// neutral is an ordinary reader comment the default model takes for ham.
func neutral() Comment {
	return Comment{
		Author:    "Maria Keller",
		Email:     "maria.keller@example.org",
		Content:   "Thanks for the detailed report. I was at the council meeting on Tuesday and the vote went exactly as you describe; the library budget is the part people should watch next year.",
		IP:        "198.51.100.23",
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64)",
		Token:     TokenOK,
		FormAge:   45 * time.Second,
	}
}

func hasReason(v Verdict, prefix string) bool {
	for _, r := range v.Reasons {
		if strings.HasPrefix(r, prefix) {
			return true
		}
	}
	return false
}

func testRules(t *testing.T, m *Model) {
	base := m.Check(neutral())
	if base.Class != ClassHam {
		t.Fatalf("neutral comment: %+v, want ham", base)
	}
	tests := []struct {
		name   string
		change func(*Comment)
		class  Class  // "" = any class, but the score must rise
		reason string // a reason must start with this
	}{
		{"honeypot filled", func(c *Comment) { c.Honeypot = "http://spam.example" }, ClassDiscard, "honeypot filled"},
		{"token forged", func(c *Comment) { c.Token = TokenForged }, ClassDiscard, "form token forged"},
		{"token missing", func(c *Comment) { c.Token = TokenMissing }, "", "form token missing"},
		{"token replayed", func(c *Comment) { c.Token = TokenReplayed }, "", "form token replayed"},
		{"form too fast", func(c *Comment) { c.FormAge = 800 * time.Millisecond }, "", "form sent 0.8 s after it was served"},
		{"form far too fast", func(c *Comment) { c.FormAge = 30 * time.Millisecond }, "", "form sent less than 0.1 s after it was served"},
		{"bbcode link", func(c *Comment) {
			c.Content += " [url=http://pills.example.net]cheap pills[/url]"
		}, "", "BBCode links ([url=…])"},
		{"links with anchor text", func(c *Comment) {
			c.Content += ` <a href="http://a.example/">cheap flights</a>, <a href="http://b.example/">cheap hotels</a> and <a href="http://c.example/">car hire</a>`
		}, "", "3 links with anchor text"},
		{"disallowed keyword in content", func(c *Comment) {
			c.Disallowed = []string{"casino"}
			c.Content += " Also, CASINO nights."
		}, ClassSpam, `contains disallowed keyword "casino"`},
		{"disallowed phrase in a multi-line entry", func(c *Comment) {
			c.Disallowed = []string{"foo\n\n  library budget  \n"}
		}, ClassSpam, `contains disallowed keyword "library budget"`},
		{"disallowed keyword in user agent", func(c *Comment) {
			c.Disallowed = []string{"x11"}
		}, ClassSpam, `contains disallowed keyword "x11"`},
		{"disallowed keyword in IP", func(c *Comment) {
			c.Disallowed = []string{"198.51.100."}
		}, ClassSpam, `contains disallowed keyword "198.51.100."`},
		{"disallowed keyword split by a tag", func(c *Comment) {
			c.Disallowed = []string{"casino"}
			c.Content += " ca<b>sino</b>"
		}, ClassSpam, `contains disallowed keyword "casino"`},
		{"Akismet guaranteed spam author", func(c *Comment) { c.Author = "akismet-guaranteed-spam" }, ClassSpam, "Akismet test trigger: guaranteed spam"},
		{"Akismet guaranteed spam email", func(c *Comment) { c.Email = "akismet-guaranteed-spam@example.com" }, ClassSpam, "Akismet test trigger: guaranteed spam"},
		{"administrator", func(c *Comment) {
			c.UserRole = "administrator"
			c.Honeypot = "filled"
		}, ClassHam, "posted by an administrator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := neutral()
			tt.change(&c)
			v := m.Check(c)
			if tt.class != "" && v.Class != tt.class {
				t.Errorf("class %s, want %s (%v)", v.Class, tt.class, v.Reasons)
			}
			if tt.class == "" && v.Score <= base.Score {
				t.Errorf("score %.4f, want above %.4f", v.Score, base.Score)
			}
			if !hasReason(v, tt.reason) {
				t.Errorf("reasons %q lack %q", v.Reasons, tt.reason)
			}
		})
	}
}

func testRulesNeutral(t *testing.T, m *Model) {
	tests := []struct {
		name   string
		change func(*Comment)
		absent string
	}{
		{"form filled in time", func(c *Comment) { c.FormAge = 3 * time.Second }, "form sent"},
		{"unknown form age", func(c *Comment) { c.FormAge = 0 }, "form sent"},
		{"API caller without token", func(c *Comment) { c.Token = TokenUnknown }, "form token"},
		{"keyword not present", func(c *Comment) { c.Disallowed = []string{"casino", "", "  "} }, "contains disallowed"},
		{"plain link", func(c *Comment) { c.Content += " See http://www.example.org/report" }, "BBCode"},
		{"one link with anchor text", func(c *Comment) {
			c.Content += ` (<a href="http://www.example.org/minutes">minutes</a>)`
		}, "1 link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := neutral()
			tt.change(&c)
			v := m.Check(c)
			if v.Class != ClassHam {
				t.Errorf("class %s, want ham (%v)", v.Class, v.Reasons)
			}
			if hasReason(v, tt.absent) {
				t.Errorf("reasons %q, want none starting %q", v.Reasons, tt.absent)
			}
			if !hasReason(v, "text looks like ham (score ") {
				t.Errorf("reasons %q lack the text verdict", v.Reasons)
			}
		})
	}
}

func testMemoryReasons(t *testing.T, m *Model) {
	spam := Comment{
		Author:  "Best Deals",
		Email:   "promo77@mailer.example",
		URL:     "http://deals.bargain-hub.example/",
		Content: "Great post! Check our shop for the lowest prices on everything: http://bargain-hub.example/shop?id=42 and http://www.bargain-hub.example/sale",
		IP:      "203.0.113.9",
	}
	m.Learn(m.Features(spam), true)
	ham := neutral()
	m.Learn(m.Features(ham), false)

	tests := []struct {
		name   string
		c      Comment
		reason string
	}{
		{"same IP", Comment{Content: neutral().Content, IP: "203.0.113.9"}, "IP 203.0.113.9 seen only in spam (once)"},
		{"same e-mail", Comment{Content: neutral().Content, Email: "Promo77@mailer.example"}, "e-mail address seen only in spam (once)"},
		{"e-mail domain", Comment{Content: neutral().Content, Email: "other@mailer.example"}, "e-mail domain mailer.example seen only in spam (once)"},
		{"website", Comment{Content: neutral().Content, URL: "https://bargain-hub.example/x"}, "website bargain-hub.example seen only in spam (once)"},
		{"linked domain", Comment{Content: neutral().Content + " http://shop.bargain-hub.example/new"}, "1 link to a domain seen only in spam"},
		{"approved commenter", Comment{Content: "A short note.", Email: ham.Email}, "e-mail address has 1 approved comment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := m.Check(tt.c)
			if !hasReason(v, tt.reason) {
				t.Errorf("reasons %q lack %q", v.Reasons, tt.reason)
			}
		})
	}
}

func testNearDuplicateReason(t *testing.T, m *Model) {
	text := "Dear friend, our company offers the best prices on quality replica watches, shipped worldwide within three days, order today and save up to seventy percent on every brand in our catalogue"
	for i, who := range []string{"Ann", "Bob", "Cid"} {
		c := Comment{Author: who, Content: text + " ref " + who, IP: "192.0.2." + string(rune('1'+i))}
		m.Learn(m.Features(c), true)
	}
	v := m.Check(Comment{Author: "Dan", Content: text + " ref Dan"})
	if !hasReason(v, "near-duplicate of 3 spam comments") {
		t.Errorf("reasons %q lack the near-duplicate count", v.Reasons)
	}
	if !v.Class.IsSpam() {
		t.Errorf("class %s, want spam", v.Class)
	}
	// A text sharing no shingles with them is no near-duplicate.
	v = m.Check(neutral())
	if hasReason(v, "near-duplicate") {
		t.Errorf("neutral comment: reasons %q", v.Reasons)
	}
}

func testSpamReasonsNameWords(t *testing.T, m *Model) {
	c := Comment{Content: "FREE money!!! Click here to claim your cash prize now, limited time offer, order now and get rich fast. Unsubscribe here to be removed from our mailing list."}
	v := m.Check(c)
	if !v.Class.IsSpam() {
		t.Fatalf("verdict %+v, want spam", v)
	}
	if !hasReason(v, "text looks like spam (score ") || !hasReason(v, "words typical of spam: ") {
		t.Errorf("reasons %q", v.Reasons)
	}
}

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"Buy CASINO chips", "casino", true},
		{"casin", "casino", false},
		{"", "x", false},
		{"Über Preise", "über", true},
		{"ÜBER", "über", true},
		{"abc", "abcd", false},
	}
	for _, tt := range tests {
		if got := containsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v", tt.s, tt.sub, got)
		}
	}
}
