package comment_test

import (
	"strings"
	"testing"

	"masthead/internal/comment"
)

func TestDefaultSettings(t *testing.T) {
	s := comment.DefaultSettings()
	want := comment.Settings{
		CommentsOpenByDefault: true, RequireNameEmail: true, HoldAll: false, PreviouslyApproved: true,
		MaxLinks: 2, CloseOld: false, CloseDays: 14, Threaded: true, ThreadDepth: 5, PerPage: 50,
		NewestFirst: false, FloodSeconds: 15, IPRetentionDays: 30,
	}
	if s.ModerationKeys != nil || s.DisallowedKeys != nil {
		t.Errorf("keys not empty: %q %q", s.ModerationKeys, s.DisallowedKeys)
	}
	s.ModerationKeys, s.DisallowedKeys = nil, nil
	if !equalSettings(s, want) {
		t.Errorf("defaults = %+v\nwant %+v", s, want)
	}
	for _, k := range comment.Keys() {
		got, err := s.Get(k.Name)
		if err != nil || got != k.Default || k.Description == "" {
			t.Errorf("%s: Get = %q, %v; default %q", k.Name, got, err, k.Default)
		}
	}
}

func equalSettings(a, b comment.Settings) bool {
	return strings.Join(a.ModerationKeys, "\n") == strings.Join(b.ModerationKeys, "\n") &&
		strings.Join(a.DisallowedKeys, "\n") == strings.Join(b.DisallowedKeys, "\n") &&
		a.CommentsOpenByDefault == b.CommentsOpenByDefault && a.RequireNameEmail == b.RequireNameEmail &&
		a.HoldAll == b.HoldAll && a.PreviouslyApproved == b.PreviouslyApproved && a.MaxLinks == b.MaxLinks &&
		a.CloseOld == b.CloseOld && a.CloseDays == b.CloseDays && a.Threaded == b.Threaded &&
		a.ThreadDepth == b.ThreadDepth && a.PerPage == b.PerPage && a.NewestFirst == b.NewestFirst &&
		a.FloodSeconds == b.FloodSeconds && a.IPRetentionDays == b.IPRetentionDays
}

func TestSettingsSet(t *testing.T) {
	tests := []struct {
		key, value string
		want       string // canonical value after Set; "" with wantErr
		wantErr    string
	}{
		{"comment_moderation", "1", "1", ""},
		{"comment_moderation", "true", "1", ""},
		{"comment_moderation", "off", "0", ""},
		{"comment_moderation", "maybe", "", "want 1 or 0"},
		{"default_comment_status", "closed", "closed", ""},
		{"default_comment_status", "shut", "", `want "open" or "closed"`},
		{"comment_max_links", "0", "0", ""},
		{"comment_max_links", "-1", "", "want a whole number from 0 to 1000"},
		{"comment_max_links", "two", "", "want a whole number"},
		{"thread_comments_depth", "1", "", "from 2 to 10"},
		{"thread_comments_depth", "10", "10", ""},
		{"comment_order", "desc", "desc", ""},
		{"comment_order", "newest", "", `want "asc" or "desc"`},
		{"comment_flood_seconds", "0", "0", ""},
		{"ip_retention_days", "0", "", "from 1 to 3650"},
		{"moderation_keys", " Viagra \n\n  cheap pills\n", "viagra\ncheap pills", ""},
		{"no_such_key", "1", "", `unknown setting "no_such_key"`},
	}
	for _, tc := range tests {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			s := comment.DefaultSettings()
			err := s.Set(tc.key, tc.value)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Set = %v, want error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Get(tc.key); got != tc.want {
				t.Errorf("Get = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSettingsFrom(t *testing.T) {
	s, err := comment.SettingsFrom(map[string]string{"comments_per_page": "10", "comment_max_links": "lots", "other": "x"})
	if s.PerPage != 10 || s.MaxLinks != 2 {
		t.Errorf("SettingsFrom: per page %d, max links %d", s.PerPage, s.MaxLinks)
	}
	if err == nil || !strings.Contains(err.Error(), "comment_max_links") {
		t.Errorf("bad stored value not reported: %v", err)
	}
}
