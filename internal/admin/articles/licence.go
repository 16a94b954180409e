package articles

import (
	"context"
	"strings"

	"masthead/internal/article"
	"masthead/internal/syndication"
)

// Settings that name the licence of the site's own articles.
const (
	// SettingLicence is the licence's name, NAME=URL, a licence URL or a
	// Creative Commons code ("CC BY 4.0"), as syndication.ParseLicence reads.
	SettingLicence = "site_licence"
	// SettingLicenceURL gives the licence's URL apart, when the name
	// setting carries none.
	SettingLicenceURL = "site_licence_url"
)

// allRightsReserved is the licence of a site that has not chosen one.
const allRightsReserved = "All rights reserved"

// siteLicence is the licence a new article of the site's own carries.
func (h *handler) siteLicence(ctx context.Context) (article.Licence, error) {
	set, err := h.st.Settings(ctx)
	if err != nil {
		return article.Licence{}, err
	}
	return licenceOf(set[SettingLicence], set[SettingLicenceURL]), nil
}

func licenceOf(value, url string) article.Licence {
	value, url = strings.TrimSpace(value), strings.TrimSpace(url)
	if value == "" {
		return article.Licence{Name: allRightsReserved}
	}
	l, err := syndication.ParseLicence(value)
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
	return l
}
