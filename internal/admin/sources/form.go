package sources

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

// sourceForm is the add/edit form as typed, so a page sent back with
// errors shows exactly what the editor wrote.
type sourceForm struct {
	Name, FeedURL, HomeURL string
	Licence                string // NAME=URL, a licence URL or a CC code; empty: as the feed says
	CreditTop, CreditEnd   string
	Canonical, Mode        string
	Interval               string // minutes
	AllowPrivate           bool
	Required               string // one per line; empty: the publisher's; "none": none
	Caption                string // regexp
}

// fieldErrors maps a form field's name to what is wrong with it; "" holds
// a problem no single field owns.
type fieldErrors map[string]string

const maxInterval = 7 * 24 * time.Hour

func readForm(r *http.Request) sourceForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return sourceForm{
		Name: v("name"), FeedURL: v("feed_url"), HomeURL: v("home_url"), Licence: v("licence"),
		CreditTop: v("credit_top"), CreditEnd: v("credit_end"),
		Canonical: v("canonical"), Mode: v("mode"), Interval: v("interval"),
		AllowPrivate: r.PostFormValue("allow_private") == "on",
		Required:     strings.TrimSpace(r.PostFormValue("required")), Caption: v("caption"),
	}
}

// newForm is the add form's starting point: the defaults, written out so
// the editor sees what they will get.
func newForm() sourceForm {
	f := formOf(&store.Source{})
	f.Required = "" // the publisher's, once the URLs are known
	return f
}

// formOf fills the form from a stored source (defaults filled in).
func formOf(stored *store.Source) sourceForm {
	src := *stored
	syndication.SourceDefaults(&src)
	f := sourceForm{
		Name: src.Name, FeedURL: src.FeedURL, HomeURL: src.HomeURL,
		CreditTop: src.CreditTop, CreditEnd: src.CreditEnd,
		Canonical: string(src.Canonical), Mode: string(src.Mode),
		Interval:     strconv.Itoa(max(1, int(src.Interval.Round(time.Minute)/time.Minute))),
		AllowPrivate: src.AllowPrivateNetwork,
		Required:     strings.Join(src.RequiredElements, "\n"), Caption: src.UnlicensedCaption,
	}
	if f.Required == "" {
		f.Required = "none"
	}
	switch l := src.Licence; {
	case l.Name != "" && l.URL != "":
		f.Licence = l.Name + "=" + l.URL
	default:
		f.Licence = l.Name + l.URL
	}
	return f
}

// apply checks the form and copies it onto src. Each field is checked on
// its own so the page can point at it; syndication.CheckSource then has
// the last word.
func (f sourceForm) apply(src *store.Source) fieldErrors {
	errs := fieldErrors{}
	switch n := utf8.RuneCountInString(f.Name); {
	case n == 0:
		errs["name"] = "Enter the source's name, as credits will show it."
	case n > 200:
		errs["name"] = "Keep the name under 200 characters."
	case !utf8.ValidString(f.Name) || strings.IndexFunc(f.Name, unicode.IsControl) >= 0:
		errs["name"] = "The name contains characters that cannot be shown."
	}
	if !webURL(f.FeedURL) {
		errs["feed_url"] = "Enter the feed's address, starting with https:// or http://."
	}
	if f.HomeURL != "" && !webURL(f.HomeURL) {
		errs["home_url"] = "Enter the site's address, starting with https:// or http://, or leave it empty."
	}
	var licence article.Licence
	if f.Licence != "" {
		l, err := syndication.ParseLicence(f.Licence)
		if err != nil {
			errs["licence"] = "Not a licence masthead recognises (" + err.Error() + "). Write it as NAME=URL, or leave it empty."
		}
		licence = l
	}
	for field, tmpl := range map[string]string{"credit_top": f.CreditTop, "credit_end": f.CreditEnd} {
		if err := syndication.CheckCreditTemplate(tmpl); err != nil {
			errs[field] = err.Error()
		}
	}
	canonical := store.Canonical(f.Canonical)
	switch canonical {
	case store.CanonicalOriginal, store.CanonicalNoindex, store.CanonicalSelf:
	default:
		errs["canonical"] = "Choose where the canonical link points."
	}
	mode := store.SourceMode(f.Mode)
	if mode != store.ModeInbox && mode != store.ModeAuto {
		errs["mode"] = "Choose whether new stories wait in the inbox or are published."
	}
	minutes, err := strconv.Atoi(f.Interval)
	interval := time.Duration(minutes) * time.Minute
	if err != nil || interval < syndication.MinInterval || interval > maxInterval {
		errs["interval"] = "Enter a whole number of minutes, from 1 to 10080 (a week)."
	}
	required := requiredLines(f.Required)
	for _, req := range required {
		if pat, ok := strings.CutPrefix(req, "re:"); ok {
			if _, err := regexp.Compile(pat); err != nil {
				errs["required"] = "“" + req + "” is not a valid pattern: " + err.Error()
				break
			}
		}
	}
	if f.Caption != "" {
		if _, err := regexp.Compile(f.Caption); err != nil {
			errs["caption"] = "Not a valid pattern: " + err.Error()
		}
	}
	if len(errs) > 0 {
		return errs
	}

	src.Name, src.FeedURL, src.HomeURL, src.Licence = f.Name, f.FeedURL, f.HomeURL, licence
	src.CreditTop, src.CreditEnd, src.Canonical, src.Mode = f.CreditTop, f.CreditEnd, canonical, mode
	src.Interval, src.AllowPrivateNetwork = interval, f.AllowPrivate
	src.RequiredElements, src.UnlicensedCaption = required, f.Caption
	syndication.SourceDefaults(src)
	if err := syndication.CheckSource(src); err != nil {
		errs[""] = err.Error()
		return errs
	}
	return nil
}

// requiredLines reads the required-elements box: nil (empty) asks for the
// publisher's own requirement; "none" is an empty, non-nil list.
func requiredLines(s string) []string {
	if s == "" {
		return nil
	}
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.EqualFold(l, "none") {
			out = append(out, l)
		}
	}
	return out
}

func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
