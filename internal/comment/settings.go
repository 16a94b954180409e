package comment

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Settings are the discussion settings, named and defaulted as WordPress's.
// The database keeps only the values someone set; the rest are defaults.
type Settings struct {
	CommentsOpenByDefault bool     // default_comment_status: open|closed, for new articles
	RequireNameEmail      bool     // require_name_email
	HoldAll               bool     // comment_moderation: every comment waits for a moderator
	PreviouslyApproved    bool     // comment_previously_approved
	MaxLinks              int      // comment_max_links: hold at this many links or more; 0 = off
	ModerationKeys        []string // moderation_keys: a match holds the comment
	DisallowedKeys        []string // disallowed_keys: a match trashes the comment
	CloseOld              bool     // close_comments_for_old_posts
	CloseDays             int      // close_comments_days_old
	Threaded              bool     // thread_comments
	ThreadDepth           int      // thread_comments_depth
	PerPage               int      // comments_per_page: top-level threads per page; 0 = one page
	NewestFirst           bool     // comment_order: asc|desc
	FloodSeconds          int      // comment_flood_seconds; 0 = no flood check
	IPRetentionDays       int      // ip_retention_days
}

// Key describes one setting for `masthead settings list`.
type Key struct {
	Name        string
	Description string
	Default     string
}

// setting ties a key to its field. Parsing and formatting live together so a
// value read back is exactly the value set.
type setting struct {
	Key
	set func(*Settings, string) error
	get func(*Settings) string
}

// settingDefs is built on each call rather than kept in a package variable.
func settingDefs() []setting {
	return []setting{
		{Key{"default_comment_status", "whether new articles take comments: open or closed", "open"},
			func(s *Settings, v string) error {
				switch v {
				case "open":
					s.CommentsOpenByDefault = true
				case "closed":
					s.CommentsOpenByDefault = false
				default:
					return errors.New(`want "open" or "closed"`)
				}
				return nil
			},
			func(s *Settings) string {
				return map[bool]string{true: "open", false: "closed"}[s.CommentsOpenByDefault]
			}},
		boolSetting("require_name_email", "comment author must fill out name and email", "1",
			func(s *Settings) *bool { return &s.RequireNameEmail }),
		boolSetting("comment_moderation", "every comment must be manually approved", "0",
			func(s *Settings) *bool { return &s.HoldAll }),
		boolSetting("comment_previously_approved", "comment author must have a previously approved comment", "1",
			func(s *Settings) *bool { return &s.PreviouslyApproved }),
		intSetting("comment_max_links", "hold a comment with this many links or more (0 = never)", "2", 0, 1000,
			func(s *Settings) *int { return &s.MaxLinks }),
		keysSetting("moderation_keys", "words, phrases, names, emails, URLs or IPs (one per line) that hold a comment",
			func(s *Settings) *[]string { return &s.ModerationKeys }),
		keysSetting("disallowed_keys", "words, phrases, names, emails, URLs or IPs (one per line) that send a comment to the trash",
			func(s *Settings) *[]string { return &s.DisallowedKeys }),
		boolSetting("close_comments_for_old_posts", "close comments on articles older than close_comments_days_old", "0",
			func(s *Settings) *bool { return &s.CloseOld }),
		intSetting("close_comments_days_old", "days after publication that comments close, when closing is on", "14", 1, 36500,
			func(s *Settings) *int { return &s.CloseDays }),
		boolSetting("thread_comments", "enable threaded (nested) comments", "1",
			func(s *Settings) *bool { return &s.Threaded }),
		intSetting("thread_comments_depth", "how many levels deep threads nest", "5", 2, 10,
			func(s *Settings) *int { return &s.ThreadDepth }),
		intSetting("comments_per_page", "top-level comments per page (0 = all on one page)", "50", 0, 1000,
			func(s *Settings) *int { return &s.PerPage }),
		{Key{"comment_order", "order of top-level comments: asc (oldest first) or desc", "asc"},
			func(s *Settings, v string) error {
				switch v {
				case "asc":
					s.NewestFirst = false
				case "desc":
					s.NewestFirst = true
				default:
					return errors.New(`want "asc" or "desc"`)
				}
				return nil
			},
			func(s *Settings) string { return map[bool]string{false: "asc", true: "desc"}[s.NewestFirst] }},
		intSetting("comment_flood_seconds", "seconds between two comments from one IP or email (0 = no limit)", "15", 0, 86400,
			func(s *Settings) *int { return &s.FloodSeconds }),
		intSetting("ip_retention_days", "days commenters' IP addresses are kept before they are erased", "30", 1, 3650,
			func(s *Settings) *int { return &s.IPRetentionDays }),
	}
}

func boolSetting(name, desc, def string, field func(*Settings) *bool) setting {
	return setting{Key{name, desc, def},
		func(s *Settings, v string) error {
			switch strings.ToLower(v) {
			case "1", "true", "on", "yes":
				*field(s) = true
			case "0", "false", "off", "no":
				*field(s) = false
			default:
				return errors.New(`want 1 or 0`)
			}
			return nil
		},
		func(s *Settings) string {
			if *field(s) {
				return "1"
			}
			return "0"
		}}
}

func intSetting(name, desc, def string, lo, hi int, field func(*Settings) *int) setting {
	return setting{Key{name, desc, def},
		func(s *Settings, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < lo || n > hi {
				return fmt.Errorf("want a whole number from %d to %d", lo, hi)
			}
			*field(s) = n
			return nil
		},
		func(s *Settings) string { return strconv.Itoa(*field(s)) }}
}

// maxKeysLen bounds a key list so one setting cannot slow every comment.
const maxKeysLen = 64 << 10

func keysSetting(name, desc string, field func(*Settings) *[]string) setting {
	return setting{Key{name, desc, ""},
		func(s *Settings, v string) error {
			if len(v) > maxKeysLen {
				return fmt.Errorf("too long (%d bytes at most)", maxKeysLen)
			}
			*field(s) = splitKeys(v)
			return nil
		},
		func(s *Settings) string { return strings.Join(*field(s), "\n") }}
}

// splitKeys reads WordPress's key list: one word or phrase per line, blank
// lines ignored, compared case-insensitively (so kept lower-cased).
func splitKeys(v string) []string {
	var keys []string
	for _, line := range strings.Split(v, "\n") {
		if k := strings.ToLower(strings.TrimSpace(line)); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// DefaultSettings returns WordPress's defaults.
func DefaultSettings() Settings {
	var s Settings
	for _, d := range settingDefs() {
		if err := d.set(&s, d.Default); err != nil {
			panic("comment: bad default for " + d.Name) // a programming error, caught by tests
		}
	}
	return s
}

// Keys lists every setting with its description and default, by name.
func Keys() []Key {
	defs := settingDefs()
	keys := make([]Key, len(defs))
	for i, d := range defs {
		keys[i] = d.Key
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Name < keys[j].Name })
	return keys
}

func lookup(key string) (setting, error) {
	for _, d := range settingDefs() {
		if d.Name == key {
			return d, nil
		}
	}
	names := make([]string, 0, 16)
	for _, k := range Keys() {
		names = append(names, k.Name)
	}
	return setting{}, fmt.Errorf("unknown setting %q (known: %s)", key, strings.Join(names, ", "))
}

// Set parses value into the setting key, or says clearly why it cannot:
// an unknown key, or a value of the wrong kind or out of range.
func (s *Settings) Set(key, value string) error {
	d, err := lookup(key)
	if err != nil {
		return err
	}
	if err := d.set(s, strings.TrimSpace(value)); err != nil {
		return fmt.Errorf("setting %s: bad value %q: %w", key, value, err)
	}
	return nil
}

// Get returns the setting's value in the canonical form Set accepts.
func (s *Settings) Get(key string) (string, error) {
	d, err := lookup(key)
	if err != nil {
		return "", err
	}
	return d.get(s), nil
}

// SettingsFrom applies stored values over the defaults. A bad stored value
// (say, edited by hand in the database) keeps its default and is reported
// in the error, while the returned Settings are still usable.
func SettingsFrom(values map[string]string) (Settings, error) {
	s := DefaultSettings()
	var errs []error
	for _, d := range settingDefs() {
		v, ok := values[d.Name]
		if !ok {
			continue
		}
		if err := s.Set(d.Name, v); err != nil {
			errs = append(errs, err)
		}
	}
	return s, errors.Join(errs...)
}
