package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"masthead/internal/article"
	"masthead/internal/syndication"
)

// Keys of the settings rows that name the site: the back office's settings
// screen stores site_name and site_url, its articles screen reads
// site_licence and site_licence_url for the site's own stories. Spelled out
// here, not imported, so that the public site does not depend on the back
// office.
const (
	settingSiteName   = "site_name"
	settingSiteURL    = "site_url"
	settingLicence    = "site_licence"
	settingLicenceURL = "site_licence_url"
)

// identity is who the site says it is while one cache generation lasts:
// the stored settings where set, the Config's values otherwise. It is
// immutable once made, and every page rendered in the generation shares it,
// so a settings change reaches every cached page in the same drop. The
// cookies' Secure flag is not part of it and stays with Config.BaseURL: it
// must match how the site is really served, which the flag states and an
// address typed into the back office need not.
type identity struct {
	gen     uint64
	name    string
	baseURL string   // an origin without the trailing slash
	base    *url.URL // baseURL + "/", to resolve relative references against
	// licence is Config.SiteLicence, shown as the operator wrote it. Only
	// without it does ownLicence, from the site_licence setting, apply:
	// a flag given at start is the operator's deliberate word.
	licence    string
	ownLicence *article.Licence
	badURL     string // a stored site_url that is no origin, ignored; warned about once
}

// abs makes a site path absolute.
func (id *identity) abs(path string) string { return id.baseURL + path }

// absRef resolves a URL that may be relative to the site (an own story's
// image) against the base URL; absolute URLs pass unchanged.
func (id *identity) absRef(ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return id.base.ResolveReference(u).String()
}

// rights names the site's licence in a feed's copyright or rights element.
func (id *identity) rights() string {
	if id.licence == "" && id.ownLicence != nil {
		return licenceText(*id.ownLicence)
	}
	return id.licence
}

// configIdentity is the identity the Config gives, for a site with nothing
// stored and for when the settings cannot be read. cfg is already checked.
func configIdentity(cfg *Config) (*identity, error) {
	base, err := url.Parse(cfg.BaseURL + "/")
	if err != nil {
		return nil, err
	}
	return &identity{name: cfg.SiteName, baseURL: cfg.BaseURL, base: base, licence: cfg.SiteLicence}, nil
}

// identity returns the site's name, address and licence for the current
// cache generation. Like sections, it reads the store on a generation's
// first call only, and a store error costs no page: the Config's values
// stand in, not kept, so that the next render tries the store again.
func (s *Server) identity(ctx context.Context) *identity {
	gen := s.cache.generation() // read first: a drop during the query makes this stale at once
	prev := s.live.Load()
	if prev != nil && prev.gen == gen {
		return prev
	}
	set, err := s.st.Settings(ctx)
	if err != nil {
		s.log.Warn("web: read site settings; using the configured name and address", "err", err)
		return s.defaults
	}
	id := s.newIdentity(gen, set, prev)
	s.live.Store(id)
	return id
}

// currentIdentity is identity for code without a context of its own
// (applySyndication's abs). The store is read only when the generation
// has moved and no render has read it yet, and then within a bound.
func (s *Server) currentIdentity() *identity {
	if id := s.live.Load(); id != nil && id.gen == s.cache.generation() {
		return id
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.identity(ctx)
}

// abs makes a site path absolute with the current base URL. Renders use
// their page's identity instead, so that one page never mixes two; this is
// for code that has none at hand.
func (s *Server) abs(path string) string { return s.currentIdentity().abs(path) }

// newIdentity lays the stored settings over the Config's values. prev, the
// last identity made (or nil), keeps a bad site_url from being warned about
// on every generation.
func (s *Server) newIdentity(gen uint64, set map[string]string, prev *identity) *identity {
	id := *s.defaults
	id.gen = gen
	if name := strings.TrimSpace(set[settingSiteName]); name != "" {
		id.name = name
	}
	if raw := strings.TrimSpace(set[settingSiteURL]); raw != "" {
		origin, err := siteOrigin(raw)
		var base *url.URL
		if err == nil {
			base, err = url.Parse(origin + "/")
		}
		if err == nil {
			id.baseURL, id.base = origin, base
		} else {
			// The site's links are root-relative, so an address with a
			// path would send readers of feeds and sitemaps astray.
			id.badURL = raw
			if prev == nil || prev.badURL != raw {
				s.log.Warn("web: the site_url setting is not an origin; using the configured base URL",
					"site_url", raw, "base_url", s.defaults.baseURL)
			}
		}
	}
	if id.licence == "" {
		id.ownLicence = ownLicence(set[settingLicence], set[settingLicenceURL])
	}
	return &id
}

// siteOrigin checks that raw is an http or https origin, as the site's
// root-relative links need, and returns it without the trailing slash.
func siteOrigin(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q must be an origin, such as https://news.example", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

// ownLicence reads the site_licence and site_licence_url settings as the
// articles screen does when it stamps the site's own stories, so that the
// footer names the licence those stories carry. Unset, the footer names
// none (the stories say "All rights reserved" themselves).
func ownLicence(value, licenceURL string) *article.Licence {
	l, ok := syndication.SettingLicence(value, licenceURL)
	if !ok {
		return nil
	}
	return &l
}
