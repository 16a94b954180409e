package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"masthead/internal/comment"
	"masthead/internal/config"
	"masthead/internal/store"
)

type commentOpts struct{ status string }

func commentCommand() *command {
	return &command{
		summary: "list and moderate comments",
		usage:   "list [--status pending|approved|spam|trash] | approve|spam|trash|delete ID…",
		help: `Moderates comments from the command line.

  comment list [--status S]     one line per comment: id, status, article, author,
                                and why the filter held it (all statuses by default)
  comment approve ID…           approve: the comment shows on its article
  comment spam ID…              mark as spam (the spam filter learns from it)
  comment trash ID…             move to the trash
  comment delete ID…            delete for good (replies move up a level)

Every change shows on the public page of a running server within a second.`,
		flags: func(fs *flag.FlagSet, _ *config.Config, _ Env) any {
			o := &commentOpts{}
			fs.StringVar(&o.status, "status", "", "list only comments in this status: pending, approved, spam, trash")
			return o
		},
		run: runComment,
	}
}

func runComment(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return fmt.Errorf("%w: want list, approve, spam, trash or delete", errUsage)
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	verb, ids := c.args[0], c.args[1:]
	if verb == "list" {
		return listComments(ctx, c, st, c.opts.(*commentOpts).status)
	}
	if len(ids) == 0 {
		return fmt.Errorf("%w: %s needs at least one comment ID", errUsage, verb)
	}
	learner, err := c.openLearner(ctx, st)
	if err != nil {
		return err
	}
	for _, arg := range ids {
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("%q is not a comment ID", arg)
		}
		if err := moderate(ctx, st, learner, verb, id, "cli"); err != nil {
			return fmt.Errorf("comment %d: %w", id, err)
		}
		fmt.Fprintf(c.stdout, "%d %s\n", id, pastTense(verb))
	}
	return nil
}

// moderate applies one moderator decision and teaches the spam filter.
func moderate(ctx context.Context, st *store.Store, learner commentLearner, verb string, id int64, by string) error {
	if verb == "delete" {
		return st.DeleteComment(ctx, id)
	}
	to, ok := map[string]comment.Status{
		"approve": comment.StatusApproved, "spam": comment.StatusSpam, "trash": comment.StatusTrash,
	}[verb]
	if !ok {
		return fmt.Errorf("%w: unknown action %q", errUsage, verb)
	}
	if err := st.SetCommentStatus(ctx, id, to, by); err != nil {
		return err
	}
	if learner == nil || to == comment.StatusTrash {
		return nil
	}
	cm, err := st.Comment(ctx, id)
	if err != nil {
		return err
	}
	return learner.LearnComment(ctx, cm, to == comment.StatusSpam)
}

func pastTense(verb string) string {
	switch verb {
	case "approve":
		return "approved"
	case "spam":
		return "marked as spam"
	case "trash":
		return "trashed"
	}
	return "deleted"
}

func listComments(ctx context.Context, c *call, st *store.Store, status string) error {
	q := store.CommentQuery{Limit: 1000}
	if status != "" {
		s, ok := comment.ParseStatus(status)
		if !ok {
			return fmt.Errorf("%w: unknown status %q", errUsage, status)
		}
		q.Status = s
	}
	titles := map[int64]string{}
	for {
		list, err := st.Comments(ctx, q)
		if err != nil {
			return err
		}
		for _, cm := range list {
			title, ok := titles[cm.ArticleID]
			if !ok {
				if a, err := st.ArticleByID(ctx, cm.ArticleID); err == nil {
					title = a.Path()
				}
				titles[cm.ArticleID] = title
			}
			line := fmt.Sprintf("%d\t%s\t%s\t%s", cm.ID, cm.Status, title, oneLine(cm.Author))
			if len(cm.SpamReasons) > 0 {
				line += "\t" + strings.Join(cm.SpamReasons, "; ")
			}
			fmt.Fprintln(c.stdout, line)
		}
		if len(list) < q.Limit {
			return nil
		}
		q.Offset += len(list)
	}
}
