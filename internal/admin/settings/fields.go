package settings

import "masthead/internal/comment"

// kind is how a setting is typed in the form.
type kind string

const (
	kindText   kind = "text"
	kindURL    kind = "url"
	kindBool   kind = "bool"
	kindNumber kind = "number"
	kindKeys   kind = "keys" // one entry a line
	kindChoice kind = "choice"
)

type option struct{ Value, Label string }

// spec is how the form presents one setting. internal/comment owns the
// settings' names, defaults, descriptions and rules; this only adds words
// and the kind of control.
type spec struct {
	key     string
	group   string
	label   string
	kind    kind
	options []option
}

// Groups, in the order the page shows them.
const (
	groupSite       = "Site"
	groupDiscussion = "Discussion"
	groupModeration = "Moderation"
	groupThreads    = "Threads and pages"
	groupOther      = "Other"
)

func groups() []string {
	return []string{groupSite, groupDiscussion, groupModeration, groupThreads, groupOther}
}

// specs lists the settings in the order the page shows them.
func specs() []spec {
	return []spec{
		{SiteNameKey, groupSite, "Site name", kindText, nil},
		{SiteURLKey, groupSite, "Site address", kindURL, nil},
		{"ip_retention_days", groupSite, "Keep commenters' IP addresses for this many days", kindNumber, nil},

		{"default_comment_status", groupDiscussion, "Comments on new articles", kindChoice,
			[]option{{"open", "Open"}, {"closed", "Closed"}}},
		{"require_name_email", groupDiscussion, "Commenters must give a name and an email address", kindBool, nil},
		{"close_comments_for_old_posts", groupDiscussion, "Close comments on old articles", kindBool, nil},
		{"close_comments_days_old", groupDiscussion, "Days after publication that comments close", kindNumber, nil},
		{"comment_flood_seconds", groupDiscussion, "Seconds between two comments from one address", kindNumber, nil},

		{"comment_moderation", groupModeration, "Hold every comment for a moderator", kindBool, nil},
		{"comment_previously_approved", groupModeration, "Hold comments from people with no approved comment yet", kindBool, nil},
		{"comment_max_links", groupModeration, "Hold comments with this many links or more", kindNumber, nil},
		{"moderation_keys", groupModeration, "Hold comments that contain", kindKeys, nil},
		{"disallowed_keys", groupModeration, "Send to the trash comments that contain", kindKeys, nil},

		{"thread_comments", groupThreads, "Threaded replies", kindBool, nil},
		{"thread_comments_depth", groupThreads, "Levels of replies", kindNumber, nil},
		{"comment_order", groupThreads, "Order of comments", kindChoice,
			[]option{{"asc", "Oldest first"}, {"desc", "Newest first"}}},
		{"comments_per_page", groupThreads, "Top-level comments a page", kindNumber, nil},
	}
}

// specOf is a setting's presentation; a setting internal/comment adds
// later still shows, as a text field under Other, until it gets words.
func specOf(k comment.Key) spec {
	for _, s := range specs() {
		if s.key == k.Name {
			return s
		}
	}
	return spec{key: k.Name, group: groupOther, label: k.Name, kind: kindText}
}

// order gives each known setting its place on the page; unknown ones sort
// after all of them.
func order() func(key string) int {
	list := specs()
	place := make(map[string]int, len(list))
	for i, s := range list {
		place[s.key] = i
	}
	return func(key string) int {
		if i, ok := place[key]; ok {
			return i
		}
		return len(list)
	}
}

// field is one control of the form, with what was typed and what is wrong.
type field struct {
	Key, Label, Help, Default string
	Kind                      kind
	Value                     string
	Options                   []choice
	Error                     string
}

type choice struct {
	option
	Selected bool
}

// Checked is a boolean field's state.
func (f field) Checked() bool { return f.Value == "1" }

func newField(k comment.Key, value, errMsg string) field {
	sp := specOf(k)
	f := field{Key: k.Name, Label: sp.label, Help: k.Description, Default: k.Default, Kind: sp.kind, Value: value, Error: errMsg}
	for _, o := range sp.options {
		f.Options = append(f.Options, choice{o, o.Value == value})
	}
	return f
}
