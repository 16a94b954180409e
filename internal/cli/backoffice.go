package cli

import (
	"context"
	"log/slog"

	"masthead/internal/admin"
	"masthead/internal/admin/apikeys"
	"masthead/internal/admin/articles"
	"masthead/internal/admin/moderation"
	"masthead/internal/admin/privacy"
	"masthead/internal/admin/settings"
	"masthead/internal/admin/sources"
	"masthead/internal/akismet"
	"masthead/internal/comment"
	"masthead/internal/httpx"
	"masthead/internal/sanitize"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

// backOffice builds everything under /admin with its screens.
func backOffice(ctx context.Context, c *call, st *store.Store, comments *comment.Service,
	poller *syndication.Poller, proxies httpx.Proxies, logger *slog.Logger) (*admin.Admin, error) {
	adm, err := admin.New(admin.Config{
		SiteName: c.cfg.SiteName, BaseURL: c.cfg.BaseURL, Proxies: proxies,
		Pending: moderation.Pending(st),
	}, st, logger)
	if err != nil {
		return nil, err
	}
	deps := moderation.Deps{Store: st, Log: logger}
	learner, err := c.openLearner(ctx, st)
	if err != nil {
		return nil, err
	}
	if learner != nil {
		deps.Learner = learner
	}
	if err := moderation.Register(adm, deps); err != nil {
		return nil, err
	}
	if err := settings.Register(adm, settings.Deps{Comments: comments, Store: st,
		SiteName: c.cfg.SiteName, SiteURL: c.cfg.BaseURL, Log: logger}); err != nil {
		return nil, err
	}
	if err := privacy.Register(adm, privacy.Deps{Store: st, SiteName: c.cfg.SiteName, SiteURL: c.cfg.BaseURL, Log: logger}); err != nil {
		return nil, err
	}
	pol := sanitize.New()
	if err := sources.Register(adm, sources.Deps{Store: st, Poller: poller, Sanitizer: pol, Logger: logger}); err != nil {
		return nil, err
	}
	if err := articles.Register(adm, articles.Deps{Store: st, Sanitizer: pol, Logger: logger}); err != nil {
		return nil, err
	}
	if err := apikeys.Register(adm, apikeys.Deps{Store: st, NewKey: akismet.NewKey, Logger: logger}); err != nil {
		return nil, err
	}
	return adm, nil
}
