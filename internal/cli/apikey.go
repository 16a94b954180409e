package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"text/tabwriter"

	"masthead/internal/akismet"
	"masthead/internal/config"
	"masthead/internal/store"
)

// defaultRateLimit is a new key's calls a minute: far above what a site's
// comment form sends, low enough to blunt a runaway client.
const defaultRateLimit = 1000

type apikeyOpts struct {
	site      string
	rateLimit int
}

func apikeyCommand() *command {
	return &command{
		summary: "manage keys of the Akismet-compatible spam API",
		usage:   "add --site URL [--rate-limit N] | list | revoke KEY",
		help: `Other sites use masthead's spam filter through the Akismet API at
/1.1/comment-check and friends, with a key made here.

  add     makes a key for the site at --site and prints it on the last line.
          --rate-limit caps its calls a minute (0 = no limit).
  list    shows every key with its site, limit and lifetime counts.
  revoke  stops a key from working (within seconds on running servers).`,
		flags: func(fs *flag.FlagSet, _ *config.Config, _ Env) any {
			o := &apikeyOpts{}
			fs.StringVar(&o.site, "site", "", "for add: the site's URL, e.g. https://blog.example")
			fs.IntVar(&o.rateLimit, "rate-limit", defaultRateLimit, "for add: calls a minute the key may make; 0 = no limit")
			return o
		},
		run: runAPIKey,
	}
}

func runAPIKey(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return fmt.Errorf("%w: want add, list or revoke", errUsage)
	}
	o := c.opts.(*apikeyOpts)
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb := c.args[0]; {
	case verb == "add" && len(c.args) == 1:
		return addAPIKey(ctx, c, st, o)
	case verb == "list" && len(c.args) == 1:
		return listAPIKeys(ctx, c, st)
	case verb == "revoke" && len(c.args) == 2:
		if err := st.SetAPIKeyRevoked(ctx, c.args[1], true); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no API key %q", c.args[1])
		} else if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "revoked %s\n", c.args[1])
		return nil
	}
	return fmt.Errorf("%w: want 'apikey add --site URL', 'apikey list' or 'apikey revoke KEY'", errUsage)
}

func addAPIKey(ctx context.Context, c *call, st *store.Store, o *apikeyOpts) error {
	u, err := url.Parse(o.site)
	if o.site == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --site %q: want the site's http(s) URL", errUsage, o.site)
	}
	if o.rateLimit < 0 {
		return fmt.Errorf("%w: --rate-limit %d: want 0 (no limit) or more", errUsage, o.rateLimit)
	}
	k := &store.APIKey{Key: akismet.NewKey(), Site: o.site, RateLimit: o.rateLimit}
	if err := st.CreateAPIKey(ctx, k); err != nil {
		return err
	}
	limit := "no rate limit"
	if k.RateLimit > 0 {
		limit = fmt.Sprintf("rate limit %d calls a minute", k.RateLimit)
	}
	fmt.Fprintf(c.stdout, "API key for %s (%s):\n%s\n", k.Site, limit, k.Key)
	return nil
}

func listAPIKeys(ctx context.Context, c *call, st *store.Store) error {
	keys, err := st.APIKeys(ctx)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		fmt.Fprintln(c.stdout, "no API keys; make one with 'masthead apikey add --site URL'")
		return nil
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tSITE\tLIMIT/MIN\tCALLS\tSPAM\tHAM\tMISSED SPAM\tFALSE POSITIVES\tCREATED\tSTATUS")
	for _, k := range keys {
		limit, status := fmt.Sprint(k.RateLimit), "active"
		if k.RateLimit == 0 {
			limit = "none"
		}
		if k.Revoked {
			status = "revoked"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", k.Key, k.Site, limit,
			k.Counts.Calls, k.Counts.Spam, k.Counts.Ham, k.Counts.MissedSpam, k.Counts.FalsePositives,
			k.Created.Format("2006-01-02"), status)
	}
	return tw.Flush()
}
