package articles

import (
	"context"

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
	if l, ok := syndication.SettingLicence(value, url); ok {
		return l
	}
	return article.Licence{Name: allRightsReserved}
}
