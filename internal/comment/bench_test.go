package comment_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// BenchmarkSubmit measures acknowledged comments per second through
// Service.Submit on SQLite with synchronous=FULL, many posters at once:
// "group" goes through the CommentWriter (one commit per batch), "single"
// commits each comment alone, to show what group commit buys.
func BenchmarkSubmit(b *testing.B) {
	for _, mode := range []string{"group", "single"} {
		b.Run("sqlite/"+mode, func(b *testing.B) {
			st := benchStore(b, "sqlite:"+filepath.Join(b.TempDir(), "bench.db"))
			benchSubmit(b, st, mode)
		})
		if dsn := os.Getenv(storetest.EnvPostgres); dsn != "" {
			b.Run("postgres/"+mode, func(b *testing.B) {
				st := benchStore(b, pgSchema(b, dsn))
				benchSubmit(b, st, mode)
			})
		}
	}
}

// pgSchema makes a schema of its own for one benchmark, as storetest does
// for tests, and returns the DSN that uses it.
func pgSchema(b *testing.B, dsn string) string {
	b.Helper()
	schema := fmt.Sprintf("bench_%d", time.Now().UnixNano())
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func benchStore(b *testing.B, url string) *store.Store {
	b.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return st
}

func benchSubmit(b *testing.B, st *store.Store, mode string) {
	ctx := context.Background()
	var cs comment.Store = st
	if mode == "group" {
		w := store.NewCommentWriter(st)
		b.Cleanup(func() { w.Close() })
		cs = w
	}
	var ids []int64
	for i := range 4 {
		a := &article.Article{Headline: fmt.Sprintf("Bench %d %s", i, b.Name()), BodyHTML: "<p>x</p>"}
		if err := st.CreateArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	svc := comment.NewService(comment.Config{Store: cs})
	var seq atomic.Int64
	b.SetParallelism(32) // 64 posters on this 2-core machine
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			_, err := svc.Submit(ctx, comment.Input{
				ArticleID: ids[n%int64(len(ids))],
				Author:    fmt.Sprintf("Reader %d", n),
				Email:     fmt.Sprintf("reader%d@example.org", n),
				Content:   fmt.Sprintf("Comment number %d, with something to say.", n),
				IP:        fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255),
				UserAgent: "bench",
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}
