package cli

import (
	"context"
	"fmt"
)

func migrateCommand() *command {
	return &command{
		summary: "apply pending database migrations and exit",
		help: `Brings the database schema up to date and exits. serve does this at start
too; run it alone before starting several instances against PostgreSQL, or
to check that a database URL works.`,
		run: func(ctx context.Context, c *call) error {
			st, err := c.openStore(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			done, err := st.Migrate(ctx)
			if err != nil {
				return err
			}
			for _, m := range done {
				fmt.Fprintf(c.stdout, "applied %s\n", m)
			}
			fmt.Fprintf(c.stdout, "database is up to date (%d migrations applied now)\n", len(done))
			return nil
		},
	}
}
