// Package config turns flags and MASTHEAD_* variables into one typed Config
// that is passed along explicitly, never kept in a global.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Defaults, as documented in the README's configuration table.
const (
	DefaultDB   = "sqlite:./masthead-data/masthead.db"
	DefaultAddr = "127.0.0.1:8080"
)

// Config is everything an operator can set.
type Config struct {
	DB       string // database URL: sqlite:PATH or postgres://…
	Addr     string // listen address for serve
	BaseURL  string // public URL of the site, for absolute links
	SiteName string
	Demo     bool // import the demo content into an empty database
	// TrustedProxies are CIDRs whose X-Forwarded-For and X-Forwarded-Proto
	// are believed; nobody's by default.
	TrustedProxies string
}

// Getenv reads one variable; os.Getenv in production, a map in tests.
type Getenv func(string) string

// Common registers the flags every subcommand takes.
func (c *Config) Common(fs *flag.FlagSet, env Getenv) {
	fs.StringVar(&c.DB, "db", or(env("MASTHEAD_DB"), DefaultDB),
		"database URL: sqlite:PATH or postgres://USER@HOST/DB (env MASTHEAD_DB)")
}

// Server registers the flags of the serve subcommand.
func (c *Config) Server(fs *flag.FlagSet, env Getenv) {
	fs.StringVar(&c.Addr, "addr", or(env("MASTHEAD_ADDR"), DefaultAddr),
		"HOST:PORT to listen on (env MASTHEAD_ADDR)")
	fs.StringVar(&c.BaseURL, "base-url", env("MASTHEAD_BASE_URL"),
		"public URL of the site, e.g. https://news.example.org (env MASTHEAD_BASE_URL; default http://ADDR)")
	fs.StringVar(&c.SiteName, "site-name", or(env("MASTHEAD_SITE_NAME"), "masthead"),
		"the site's name in titles and feeds (env MASTHEAD_SITE_NAME)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("MASTHEAD_TRUSTED_PROXIES"),
		"comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed (env MASTHEAD_TRUSTED_PROXIES)")
	fs.BoolVar(&c.Demo, "demo", env("MASTHEAD_DEMO") == "1",
		"import the demo story when the database is empty (env MASTHEAD_DEMO=1)")
}

// Check validates what the flags could not, and fills derived defaults.
func (c *Config) Check() error {
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("--addr %q: want HOST:PORT", c.Addr)
		}
		if c.BaseURL == "" {
			c.BaseURL = "http://" + c.Addr
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--base-url %q: want http(s)://HOST[/PATH]", c.BaseURL)
		}
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	}
	return nil
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
