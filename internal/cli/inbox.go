package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"masthead/internal/store"
	"masthead/internal/syndication"
)

func inboxCommand() *command {
	return &command{
		summary: "review stories from inbox sources: list, publish, skip",
		usage:   "list | publish ID… | skip ID…",
		help: `New stories from sources in inbox mode (and any story that cannot be
published automatically) wait here for an editor.

  list     one line per waiting story: its id, source and headline, and why
           it cannot be published, if it cannot.
  publish  publishes the stories and prints each one's path on the site.
  skip     declines the stories; they do not come back when polled again.`,
		run: runInbox,
	}
}

func runInbox(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return fmt.Errorf("%w: want list, publish or skip", errUsage)
	}
	verb, args := c.args[0], c.args[1:]
	var ids []int64
	for _, a := range args {
		id, err := parseID(a)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	switch {
	case verb == "list" && len(args) == 0:
	case (verb == "publish" || verb == "skip") && len(args) > 0:
	default:
		return fmt.Errorf("%w: %q with %d arguments", errUsage, verb, len(args))
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if verb == "list" {
		return listInbox(ctx, c, st)
	}
	// Each story on its own: one that cannot be published does not stop
	// the others; the exit status says whether all went through.
	failed := 0
	for _, id := range ids {
		var err error
		if verb == "publish" {
			a, perr := syndication.PublishFromInbox(ctx, st, id)
			if perr == nil {
				fmt.Fprintln(c.stdout, a.Path())
			}
			err = perr
		} else {
			err = st.SkipInboxItem(ctx, id)
		}
		if err != nil {
			failed++
			fmt.Fprintf(c.env.Stderr, "masthead inbox %s: story %d: %v\n", verb, id, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d stories not done", failed, len(ids))
	}
	return nil
}

func listInbox(ctx context.Context, c *call, st *store.Store) error {
	items, err := st.Inbox(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	for _, it := range items {
		line := fmt.Sprintf("%d\t%s\t%s", it.ID, it.SourceName, it.Headline)
		switch {
		case it.Status == store.InboxPublished:
			line += "\tpublished; " + it.Problem
		case it.Problem != "":
			line += "\tcannot be published: " + it.Problem
		}
		fmt.Fprintln(w, line)
	}
	return w.Flush()
}
