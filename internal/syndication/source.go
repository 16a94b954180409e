package syndication

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
)

// Source defaults.
const (
	DefaultInterval = 30 * time.Minute
	MinInterval     = time.Minute
	// DefaultUnlicensedCaption matches the captions publishers put on
	// pictures they do not license for reuse.
	DefaultUnlicensedCaption = `(?i)\bnot\s+(licensed|available|cleared)\s+for\s+(re-?use|republication|republishing)\b`
)

// SourceDefaults fills in what an editor adding a source left empty. The
// required elements default to the publisher's, known by the feed's or the
// site's host.
func SourceDefaults(src *store.Source) {
	if src.CreditTop == "" {
		src.CreditTop = DefaultCreditTop
	}
	if src.CreditEnd == "" {
		src.CreditEnd = DefaultCreditEnd
	}
	if src.Canonical == "" {
		src.Canonical = store.CanonicalOriginal
	}
	if src.Mode == "" {
		src.Mode = store.ModeInbox
	}
	if src.Interval == 0 {
		src.Interval = DefaultInterval
	}
	if src.UnlicensedCaption == "" {
		src.UnlicensedCaption = DefaultUnlicensedCaption
	}
	if src.RequiredElements == nil {
		src.RequiredElements = requiredFor(src.FeedURL, src.HomeURL)
	}
}

// CheckSource validates a source's settings, naming the one at fault.
func CheckSource(src *store.Source) error {
	if strings.TrimSpace(src.Name) == "" {
		return errors.New("a source needs a name")
	}
	if err := checkWebURL("feed URL", src.FeedURL); err != nil {
		return err
	}
	if src.HomeURL != "" {
		if err := checkWebURL("home URL", src.HomeURL); err != nil {
			return err
		}
	}
	switch src.Mode {
	case store.ModeInbox, store.ModeAuto:
	default:
		return fmt.Errorf("mode %q: want inbox or auto", src.Mode)
	}
	switch src.Canonical {
	case store.CanonicalOriginal, store.CanonicalNoindex, store.CanonicalSelf:
	default:
		return fmt.Errorf("canonical %q: want canonical, noindex or self", src.Canonical)
	}
	if src.Interval < MinInterval {
		return fmt.Errorf("interval %v: at least %v, to be a polite client", src.Interval, MinInterval)
	}
	for _, t := range []string{src.CreditTop, src.CreditEnd} {
		if err := CheckCreditTemplate(t); err != nil {
			return err
		}
	}
	for _, r := range src.RequiredElements {
		if pat, ok := strings.CutPrefix(r, "re:"); ok {
			if _, err := regexp.Compile(pat); err != nil {
				return fmt.Errorf("required element %q: %v", r, err)
			}
		}
	}
	if _, err := regexp.Compile(src.UnlicensedCaption); err != nil {
		return fmt.Errorf("unlicensed-caption pattern: %v", err)
	}
	if src.Licence.URL != "" {
		if err := checkWebURL("licence URL", src.Licence.URL); err != nil {
			return err
		}
	}
	return nil
}

func checkWebURL(what, s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s %q: want an http(s) URL", what, s)
	}
	return nil
}

// ParseLicence reads an editor's licence setting: "NAME=URL", a licence
// URL, or a name or code ("CC BY-ND 4.0"). A Creative Commons licence is
// put in canonical form; anything else is taken as given, as the editor's
// word that the stories may be republished.
func ParseLicence(s string) (article.Licence, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return article.Licence{}, errors.New("empty licence")
	}
	name, u, hasURL := strings.Cut(s, "=")
	if !hasURL && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) {
		name, u = "", s
	}
	name, u = strings.TrimSpace(name), strings.TrimSpace(u)
	if u != "" {
		if err := checkWebURL("licence URL", u); err != nil {
			return article.Licence{}, err
		}
	}
	if l, ok := DetectLicence(u); ok && u != "" {
		return l, nil
	}
	if l, ok := DetectLicence(name); ok && (u == "" || u == l.URL) {
		return l, nil
	}
	if name == "" {
		return article.Licence{}, fmt.Errorf("licence %q: not a licence masthead recognises; give it as NAME=URL", s)
	}
	return article.Licence{Name: name, URL: u}, nil
}

// requiredFor is what the publisher of the feed or site requires on every
// republished page, known by host: The Conversation's page-view counter,
// ProPublica's pixel.
func requiredFor(urls ...string) []string {
	var out []string
	for _, r := range []struct{ domain, element string }{
		{"theconversation.com", "counter.theconversation.com/content/"},
		{"propublica.org", "pixel.propublica.org/"},
	} {
		for _, s := range urls {
			if u, err := url.Parse(s); err == nil && isHost(strings.ToLower(u.Hostname()), r.domain) {
				out = append(out, r.element)
				break
			}
		}
	}
	return out
}

// SettingLicence reads a licence as an operator states it in settings: a
// value ParseLicence understands, or failing that any name, with url as
// the link when the value gives none. ok is false when nothing is stated.
func SettingLicence(value, url string) (l article.Licence, ok bool) {
	value, url = strings.TrimSpace(value), strings.TrimSpace(url)
	if value == "" {
		return article.Licence{}, false
	}
	l, err := ParseLicence(value)
	if err != nil {
		// An odd value is still the operator's word: keep it as the name.
		name, _, _ := strings.Cut(value, "=")
		l = article.Licence{Name: strings.TrimSpace(name)}
	}
	if l.URL == "" {
		l.URL = url
	}
	if l.Name == "" {
		l.Name = l.URL
	}
	return l, l.Name != ""
}
