package cli

import (
	"context"
	"fmt"

	"masthead/internal/comment"
)

func settingsCommand() *command {
	return &command{
		summary: "show and change the discussion settings",
		usage:   "list | get KEY | set KEY VALUE",
		help: `Shows and changes the discussion settings, named as in WordPress:
comment_moderation, comment_previously_approved, comment_max_links,
moderation_keys, disallowed_keys, close_comments_days_old,
thread_comments_depth, comments_per_page, comment_flood_seconds (0 turns the
flood check off), ip_retention_days and more; 'settings list' shows them all
with their values and meaning. A change shows on a running server within a
second.`,
		run: runSettings,
	}
}

func runSettings(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return fmt.Errorf("%w: want list, get or set", errUsage)
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := comment.NewService(comment.Config{Store: st})
	switch verb := c.args[0]; {
	case verb == "list" && len(c.args) == 1:
		vals, err := svc.SettingValues(ctx)
		if err != nil {
			return err
		}
		for _, v := range vals {
			fmt.Fprintf(c.stdout, "%s\t%s\t# %s\n", v.Name, quoteMultiline(v.Value), v.Description)
		}
		return nil
	case verb == "get" && len(c.args) == 2:
		v, err := svc.Setting(ctx, c.args[1])
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, v)
		return nil
	case verb == "set" && len(c.args) == 3:
		if err := svc.SetSetting(ctx, c.args[1], c.args[2]); err != nil {
			return err
		}
		v, _ := svc.Setting(ctx, c.args[1])
		fmt.Fprintf(c.stdout, "%s = %s\n", c.args[1], quoteMultiline(v))
		return nil
	}
	return fmt.Errorf("%w: want 'settings list', 'settings get KEY' or 'settings set KEY VALUE'", errUsage)
}

// quoteMultiline keeps keyword lists on one line of output.
func quoteMultiline(v string) string {
	for _, r := range v {
		if r == '\n' || r == '\t' {
			return fmt.Sprintf("%q", v)
		}
	}
	return v
}
