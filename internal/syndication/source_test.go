package syndication

import (
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
)

func TestSourceDefaults(t *testing.T) {
	tc := &store.Source{Name: "The Conversation", FeedURL: "https://theconversation.com/au/articles.atom"}
	SourceDefaults(tc)
	if tc.Mode != store.ModeInbox || tc.Canonical != store.CanonicalOriginal || tc.Interval != 30*time.Minute ||
		tc.CreditTop != DefaultCreditTop || tc.CreditEnd != DefaultCreditEnd || tc.UnlicensedCaption != DefaultUnlicensedCaption {
		t.Errorf("defaults: %+v", tc)
	}
	if !slices.Equal(tc.RequiredElements, []string{"counter.theconversation.com/content/"}) {
		t.Errorf("The Conversation's counter not required by default: %q", tc.RequiredElements)
	}
	pp := &store.Source{Name: "ProPublica", FeedURL: "https://feeds.propublica.org/propublica/main"}
	SourceDefaults(pp)
	if !slices.Equal(pp.RequiredElements, []string{"pixel.propublica.org/"}) {
		t.Errorf("ProPublica's pixel not required by default: %q", pp.RequiredElements)
	}
	gv := &store.Source{Name: "Global Voices", FeedURL: "https://globalvoices.org/feed/", Mode: store.ModeAuto, RequiredElements: []string{}}
	SourceDefaults(gv)
	if len(gv.RequiredElements) != 0 || gv.Mode != store.ModeAuto {
		t.Errorf("editor's settings overridden: %+v", gv)
	}
	if err := CheckSource(tc); err != nil {
		t.Errorf("defaults do not pass the check: %v", err)
	}
}

func TestCheckSource(t *testing.T) {
	ok := func() *store.Source {
		s := &store.Source{Name: "GV", FeedURL: "https://globalvoices.org/feed/"}
		SourceDefaults(s)
		return s
	}
	tests := []struct {
		name string
		edit func(*store.Source)
		want string // in the error
	}{
		{"no name", func(s *store.Source) { s.Name = " " }, "needs a name"},
		{"file feed", func(s *store.Source) { s.FeedURL = "file:///etc/passwd" }, "feed URL"},
		{"relative feed", func(s *store.Source) { s.FeedURL = "/feed" }, "feed URL"},
		{"bad mode", func(s *store.Source) { s.Mode = "sometimes" }, `mode "sometimes"`},
		{"bad canonical", func(s *store.Source) { s.Canonical = "other" }, `canonical "other"`},
		{"impolite interval", func(s *store.Source) { s.Interval = time.Second }, "at least 1m0s"},
		{"unknown placeholder", func(s *store.Source) { s.CreditTop = "From {publisher}" }, "unknown placeholder"},
		{"bad required regexp", func(s *store.Source) { s.RequiredElements = []string{"re:("} }, `required element "re:("`},
		{"bad caption regexp", func(s *store.Source) { s.UnlicensedCaption = "[" }, "unlicensed-caption"},
		{"bad home", func(s *store.Source) { s.HomeURL = "javascript:x" }, "home URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok()
			tt.edit(s)
			err := CheckSource(s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CheckSource = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestParseLicence(t *testing.T) {
	nd := article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"}
	tests := []struct {
		in      string
		want    article.Licence
		wantErr bool
	}{
		{"CC BY-ND 4.0=https://creativecommons.org/licenses/by-nd/4.0/", nd, false},
		{"https://creativecommons.org/licenses/by-nd/4.0/", nd, false},
		{"CC BY-ND 4.0", nd, false},
		{"cc by nc nd 3.0", article.Licence{Name: "CC BY-NC-ND 3.0", URL: "https://creativecommons.org/licenses/by-nc-nd/3.0/"}, false},
		{"Used with permission=https://example.org/terms", article.Licence{Name: "Used with permission", URL: "https://example.org/terms"}, false},
		{"Used with permission", article.Licence{Name: "Used with permission"}, false},
		{"https://example.org/terms", article.Licence{}, true},
		{"X=javascript:alert(1)", article.Licence{}, true},
		{"", article.Licence{}, true},
	}
	for _, tt := range tests {
		got, err := ParseLicence(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLicence(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
