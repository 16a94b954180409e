package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"masthead/internal/store"
)

// benchServer is a server over a fresh SQLite database holding the
// reference story. (storetest wants a *testing.T, so benchmarks open the
// store themselves.)
func benchServer(b *testing.B) (*Server, string) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	a := save(b, st, referenceArticle(b, ""))
	cfg := testConfig()
	cfg.Comments, cfg.Avatars = commentDeps(b, st, nil)
	s, err := New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	return s, a.Path()
}

// BenchmarkRenderArticle renders the article page without the cache:
// "template" is the view and template alone (no comments), "page" adds the
// comment thread's reads and the gzip and ETag a cache entry needs, "miss"
// is all a first request costs, store reads included.
func BenchmarkRenderArticle(b *testing.B) {
	s, path := benchServer(b)
	ctx := context.Background()
	a, err := s.st.ArticleByPath(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	site := s.site(ctx, path)
	b.Run("template", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, err := s.tmpl.render("article", s.articleView(site, a, s.newCommentArea(a, threadView{}, nil)))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(out)))
		}
	})
	q := articleReq{path: path, page: 1}
	b.Run("page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			body, _, err := s.renderArticle(ctx, a, q, nil)
			if err != nil {
				b.Fatal(err)
			}
			s.htmlEntry(body)
		}
	})
	b.Run("miss", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a, err := s.st.ArticleByPath(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			body, _, err := s.renderArticle(ctx, a, q, nil)
			if err != nil {
				b.Fatal(err)
			}
			s.htmlEntry(body)
		}
	})
}

// discardWriter is a ResponseWriter that keeps nothing, so the benchmark
// counts the handler's own work and allocations, not a recorder's.
type discardWriter struct {
	h    http.Header
	code int
	n    int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// BenchmarkServeCachedArticle is the hot path: ServeHTTP answering a
// cached article page, with its comment form and form-seen cookie.
func BenchmarkServeCachedArticle(b *testing.B) {
	s, path := benchServer(b)
	warm := httptest.NewRecorder()
	s.ServeHTTP(warm, httptest.NewRequest("GET", path, nil))
	if warm.Code != 200 {
		b.Fatalf("warm-up: %d", warm.Code)
	}
	etag := warm.Header().Get("ETag")
	for _, c := range []struct {
		name   string
		header http.Header
		code   int
	}{
		{"identity", http.Header{}, 200},
		{"gzip", http.Header{"Accept-Encoding": {"gzip, deflate, br"}}, 200},
		{"not-modified", http.Header{"If-None-Match": {etag}}, 304},
	} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", path, nil)
			req.Header = c.header
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				s.ServeHTTP(w, req)
			}
			if w.code != c.code && !(w.code == 0 && c.code == 200) {
				b.Fatalf("status %d, want %d", w.code, c.code)
			}
			if len(w.h["Set-Cookie"]) != 1 {
				b.Fatalf("no form-seen cookie: %v", w.h)
			}
		})
	}
}
