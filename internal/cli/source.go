package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"masthead/internal/config"
	"masthead/internal/store"
	"masthead/internal/syndication"
)

type sourceOpts struct {
	fs                *flag.FlagSet // to tell which flags 'set' was given
	name, feed, home  string
	mode, canonical   string
	licence           string
	interval          time.Duration
	allowPrivate      bool
	creditTop         string
	creditEnd         string
	require           stringList
	unlicensedCaption string
}

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func sourceCommand() *command {
	return &command{
		summary: "manage the feeds stories are republished from",
		usage:   "add --name NAME --feed URL [flags] | list | set ID [flags] | remove ID | poll [ID…]",
		help: `Sources are feeds (Atom, RSS, JSON Feed) that 'serve' polls. A source's new
stories wait in the inbox ('masthead inbox') unless its mode is auto; even
then a story without a recognisable licence, or one that would lose an
element the source requires (The Conversation's page counter), waits.

  add     adds a source and prints its id. --name and --feed are needed.
  list    shows each source: id, name, mode, feed, last poll, last error.
  set     changes the given flags of a source, e.g. set 3 --licence 'CC BY 4.0'.
  remove  removes a source and its inbox; published stories stay.
  poll    polls now (every source when none is named) and prints per source
          the new, updated and unchanged entries, or its error; the exit
          status is 1 if any failed.

Credit templates take {source}, {author}, {licence}, {original}, and
{source:TEXT}, {licence:TEXT}, {original:TEXT} for TEXT linked there.
Required elements are URL prefixes an image or link in the story must have
(counter.theconversation.com/content/) or re:REGEXP; 'none' requires none.`,
		flags: func(fs *flag.FlagSet, _ *config.Config, _ Env) any {
			o := &sourceOpts{fs: fs}
			fs.StringVar(&o.name, "name", "", "the source's name, as credits show it")
			fs.StringVar(&o.feed, "feed", "", "the feed's URL")
			fs.StringVar(&o.home, "home", "", "the source's site (default: as the feed says)")
			fs.StringVar(&o.mode, "mode", string(store.ModeInbox), "inbox: new stories wait for an editor; auto: published on arrival")
			fs.StringVar(&o.canonical, "canonical", string(store.CanonicalOriginal), "where the canonical link points: canonical (the original), noindex, or self")
			fs.StringVar(&o.licence, "licence", "", "the stories' licence, NAME=URL or a Creative Commons code (default: as the feed says)")
			fs.DurationVar(&o.interval, "interval", syndication.DefaultInterval, "how often to poll")
			fs.BoolVar(&o.allowPrivate, "allow-private-network", false, "let the feed live on a loopback or private address")
			fs.StringVar(&o.creditTop, "credit-top", syndication.DefaultCreditTop, "the credit line above the story")
			fs.StringVar(&o.creditEnd, "credit-end", syndication.DefaultCreditEnd, "the credit line below the story")
			fs.Var(&o.require, "require", "an element the page must keep: URL prefix or re:REGEXP; repeatable (default: the publisher's, if known)")
			fs.StringVar(&o.unlicensedCaption, "unlicensed-caption", syndication.DefaultUnlicensedCaption, "figures whose caption matches this regexp are dropped")
			return o
		},
		run: runSource,
	}
}

func runSource(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return fmt.Errorf("%w: want add, list, set, remove or poll", errUsage)
	}
	o := c.opts.(*sourceOpts)
	verb, args := c.args[0], c.args[1:]
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case verb == "add" && len(args) == 0:
		return addSource(ctx, c, st, o)
	case verb == "list" && len(args) == 0:
		return listSources(ctx, c, st)
	case verb == "set" && len(args) == 1:
		return setSource(ctx, st, o, args[0])
	case verb == "remove" && len(args) == 1:
		id, err := parseID(args[0])
		if err != nil {
			return err
		}
		if err := st.DeleteSource(ctx, id); err != nil {
			return fmt.Errorf("source %d: %w", id, err)
		}
		return nil
	case verb == "poll":
		return pollSources(ctx, c, st, args)
	}
	return fmt.Errorf("%w: %q with %d arguments", errUsage, verb, len(args))
}

func addSource(ctx context.Context, c *call, st *store.Store, o *sourceOpts) error {
	if o.name == "" || o.feed == "" {
		return fmt.Errorf("%w: add needs --name and --feed", errUsage)
	}
	src := &store.Source{}
	if err := o.apply(src, func(string) bool { return true }); err != nil {
		return err
	}
	if !o.given("require") {
		src.RequiredElements = nil // the publisher's default
	}
	syndication.SourceDefaults(src)
	if err := syndication.CheckSource(src); err != nil {
		return err
	}
	if err := st.CreateSource(ctx, src); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("a source with feed %s exists already", src.FeedURL)
		}
		return err
	}
	fmt.Fprintln(c.stdout, src.ID)
	return nil
}

func setSource(ctx context.Context, st *store.Store, o *sourceOpts, arg string) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	src, err := st.SourceByID(ctx, id)
	if err != nil {
		return fmt.Errorf("source %d: %w", id, err)
	}
	if err := o.apply(src, o.given); err != nil {
		return err
	}
	if err := syndication.CheckSource(src); err != nil {
		return err
	}
	return st.UpdateSource(ctx, src)
}

// given reports whether a flag was on the command line.
func (o *sourceOpts) given(name string) bool {
	found := false
	o.fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// apply copies the flags that use says to use onto src.
func (o *sourceOpts) apply(src *store.Source, use func(string) bool) error {
	set := func(flag string, fn func()) {
		if use(flag) {
			fn()
		}
	}
	set("name", func() { src.Name = o.name })
	set("feed", func() { src.FeedURL = o.feed })
	set("home", func() { src.HomeURL = o.home })
	set("mode", func() { src.Mode = store.SourceMode(o.mode) })
	set("canonical", func() { src.Canonical = store.Canonical(o.canonical) })
	set("interval", func() { src.Interval = o.interval })
	set("allow-private-network", func() { src.AllowPrivateNetwork = o.allowPrivate })
	set("credit-top", func() { src.CreditTop = o.creditTop })
	set("credit-end", func() { src.CreditEnd = o.creditEnd })
	set("unlicensed-caption", func() { src.UnlicensedCaption = o.unlicensedCaption })
	set("require", func() {
		src.RequiredElements = []string{}
		for _, r := range o.require {
			if r != "none" && strings.TrimSpace(r) != "" {
				src.RequiredElements = append(src.RequiredElements, strings.TrimSpace(r))
			}
		}
	})
	if use("licence") && o.licence != "" {
		l, err := syndication.ParseLicence(o.licence)
		if err != nil {
			return err
		}
		src.Licence = l
	}
	return nil
}

func listSources(ctx context.Context, c *call, st *store.Store) error {
	list, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tMODE\tFEED\tLAST POLL\tLAST ERROR")
	for _, s := range list {
		last := "never"
		if !s.Poll.LastAt.IsZero() {
			last = s.Poll.LastAt.UTC().Format("2006-01-02 15:04 UTC")
		}
		errText := "-"
		if s.Poll.LastError != "" {
			errText = s.Poll.LastError
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Name, s.Mode, s.FeedURL, last, errText)
	}
	return w.Flush()
}

func pollSources(ctx context.Context, c *call, st *store.Store, args []string) error {
	var ids []int64
	for _, a := range args {
		id, err := parseID(a)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	p := syndication.NewPoller(st, syndication.PollerConfig{})
	reports, err := p.PollNow(ctx, ids...)
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range reports {
		name := r.Name
		if name == "" {
			name = "source"
		}
		if r.Err != nil {
			failed++
			fmt.Fprintf(c.stdout, "%d %s: error: %v\n", r.SourceID, name, r.Err)
			continue
		}
		line := fmt.Sprintf("%d %s: %d new, %d updated, %d unchanged", r.SourceID, name, r.New+r.Published, r.Updated, r.Unchanged)
		if r.Published > 0 {
			line += fmt.Sprintf(", %d published", r.Published)
		}
		if r.Held > 0 {
			line += fmt.Sprintf(", %d corrections held", r.Held)
		}
		if r.NotModified {
			line += " (not modified)"
		}
		fmt.Fprintln(c.stdout, line)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources failed", failed, len(reports))
	}
	return nil
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: %q is not an id", errUsage, s)
	}
	return id, nil
}
