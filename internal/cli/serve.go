package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"masthead/internal/akismet"
	"masthead/internal/comment"
	"masthead/internal/config"
	"masthead/internal/demo"
	"masthead/internal/filter"
	"masthead/internal/httpx"
	"masthead/internal/store"
	"masthead/internal/syndication"
	"masthead/internal/web"
)

func serveCommand() *command {
	return &command{
		summary: "run the site",
		help: `Runs the public site, the comment section and the spam API. Pending
migrations are applied at start. SIGINT or SIGTERM stops it gracefully:
requests in flight are finished first. GET /healthz answers 200 once the
site serves.

With --demo, an empty database first receives the demo story (a The
Conversation article under CC BY-ND 4.0).`,
		flags: func(fs *flag.FlagSet, cfg *config.Config, env Env) any {
			cfg.Server(fs, env.Getenv)
			return nil
		},
		run: runServe,
	}
}

func demoCommand() *command {
	return &command{
		summary: "run the site with demo content (serve --demo)",
		help:    `Same as 'masthead serve --demo': imports the demo story into an empty database, then serves.`,
		flags: func(fs *flag.FlagSet, cfg *config.Config, env Env) any {
			cfg.Server(fs, env.Getenv)
			return nil
		},
		run: func(ctx context.Context, c *call) error {
			c.cfg.Demo = true
			return runServe(ctx, c)
		},
	}
}

func runServe(ctx context.Context, c *call) error {
	logger := slog.New(slog.NewTextHandler(c.env.Stderr, nil))
	// Listen first: a taken port fails at once, and a port chosen by the
	// system (":0") is known before the base URL is built from it.
	ln, err := net.Listen("tcp", c.cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if _, port, _ := net.SplitHostPort(c.cfg.Addr); port == "0" && c.cfg.BaseURL == "http://"+c.cfg.Addr {
		c.cfg.BaseURL = "http://" + ln.Addr().String()
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if c.cfg.Demo {
		if err := loadDemo(ctx, st, logger); err != nil {
			return err
		}
	}
	writer := store.NewCommentWriter(st) // group commit: one fsync for many comments
	defer writer.Close()
	a, err := assemble(ctx, c, st, writer, logger)
	if err != nil {
		return err
	}
	return a.serve(ctx, c, ln, st.Dialect())
}

// app is everything serve runs: the handlers and the background work
// that keeps them current.
type app struct {
	log     *slog.Logger
	site    *web.Server
	filter  *filter.Filter
	poller  *syndication.Poller
	api     *akismet.Handler
	handler http.Handler
}

// assemble builds the site, the back office and the Akismet API over one
// store, one spam filter and one comment writer.
func assemble(ctx context.Context, c *call, st *store.Store, writer *store.CommentWriter, logger *slog.Logger) (*app, error) {
	proxies, err := httpx.ParseProxies(splitList(c.cfg.TrustedProxies))
	if err != nil {
		return nil, fmt.Errorf("--trusted-proxies: %w", err)
	}
	secret, err := st.AuthKey(ctx, "comments") // shared by every instance
	if err != nil {
		return nil, err
	}
	tokens, err := comment.NewTokens(secret, nil)
	if err != nil {
		return nil, err
	}
	spamFilter, err := openFilter(ctx, st, logger)
	if err != nil {
		return nil, err
	}
	a := &app{log: logger, filter: spamFilter}
	c.learner = commentFilter{spamFilter}
	comments := comment.NewService(comment.Config{Store: writer, Tokens: tokens, Filter: commentFilter{spamFilter}})
	a.site, err = web.New(web.Config{
		SiteName: c.cfg.SiteName, BaseURL: c.cfg.BaseURL,
		Comments: comments, Avatars: comment.NewAvatars(secret), Proxies: proxies,
	}, st, logger)
	if err != nil {
		return nil, err
	}
	// One poller serves both the schedule and the editors' "Poll now", so
	// they share its worker and per-host limits.
	a.poller = syndication.NewPoller(st, syndication.PollerConfig{Logger: logger})
	adm, err := backOffice(ctx, c, st, comments, a.poller, proxies, logger)
	if err != nil {
		return nil, err
	}
	a.api = akismet.New(spamFilter, st, logger)
	a.handler = &router{site: a.site, admin: adm, akismet: a.api}
	return a, nil
}

// serve answers on ln and runs the background work until ctx ends, then
// finishes the requests in flight and stops the background work.
func (a *app) serve(ctx context.Context, c *call, ln net.Listener, dialect string) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBG()
	go a.site.Watch(bg)
	go a.site.RunMaintenance(bg)
	go a.filter.Watch(bg)
	apiDone := make(chan struct{})
	go func() { defer close(apiDone); a.api.Run(bg) }()
	pollDone := make(chan struct{})
	go func() { defer close(pollDone); a.poller.Run(bg) }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("masthead is serving", "url", c.cfg.BaseURL, "addr", ln.Addr().String(), "db", dialect)
	fmt.Fprintf(c.stdout, "masthead: serving %s on %s\n", c.cfg.BaseURL, ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	// Polls in flight are cancelled and give their leases back.
	stopBG()
	<-pollDone
	<-apiDone
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadDemo imports the embedded sample feed when no article exists yet.
func loadDemo(ctx context.Context, st *store.Store, logger *slog.Logger) error {
	_, total, err := st.Articles(ctx, store.ArticleQuery{Limit: 1})
	if err != nil {
		return err
	}
	if total > 0 {
		return nil
	}
	paths, err := importFeed(ctx, st, demo.Feed(), demo.FeedURL)
	if err != nil {
		return fmt.Errorf("demo content: %w", err)
	}
	logger.Info("imported demo content", "paths", paths)
	return nil
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(v string) []string {
	var out []string
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
