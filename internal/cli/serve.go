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
	proxies, err := httpx.ParseProxies(splitList(c.cfg.TrustedProxies))
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	secret, err := st.AuthKey(ctx, "comments") // shared by every instance
	if err != nil {
		return err
	}
	tokens, err := comment.NewTokens(secret, nil)
	if err != nil {
		return err
	}
	writer := store.NewCommentWriter(st) // group commit: one fsync for many comments
	defer writer.Close()
	spamFilter, err := openFilter(ctx, st, logger)
	if err != nil {
		return err
	}
	c.learner = commentFilter{spamFilter}
	comments := comment.NewService(comment.Config{Store: writer, Tokens: tokens, Filter: commentFilter{spamFilter}})
	site, err := web.New(web.Config{
		SiteName: c.cfg.SiteName, BaseURL: c.cfg.BaseURL,
		Comments: comments, Avatars: comment.NewAvatars(secret), Proxies: proxies,
	}, st, logger)
	if err != nil {
		return err
	}
	// One poller serves both the schedule and the editors' "Poll now", so
	// they share its worker and per-host limits.
	poller := syndication.NewPoller(st, syndication.PollerConfig{Logger: logger})
	adm, err := backOffice(ctx, c, st, comments, poller, proxies, logger)
	if err != nil {
		return err
	}
	api := akismet.New(spamFilter, st, logger)
	handler := &router{site: site, admin: adm, akismet: api}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBG()
	go site.Watch(bg)
	go site.RunMaintenance(bg)
	go spamFilter.Watch(bg)
	apiDone := make(chan struct{})
	go func() { defer close(apiDone); api.Run(bg) }()
	pollDone := make(chan struct{})
	go func() { defer close(pollDone); poller.Run(bg) }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("masthead is serving", "url", c.cfg.BaseURL, "addr", ln.Addr().String(), "db", st.Dialect())
	fmt.Fprintf(c.stdout, "masthead: serving %s on %s\n", c.cfg.BaseURL, ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
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
