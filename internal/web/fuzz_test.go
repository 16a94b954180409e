package web

import (
	"bufio"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/store"
)

// FuzzRequest sends whatever request line net/http's parser accepts and
// requires an answer below 500, never a panic. The seeds run with go test.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		"GET /", "HEAD /", "GET /page/2/", "GET /?page=-1", "GET /?page=%zz", "GET /page/00/",
		"GET /2024/03/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally/",
		"GET /2024/03/x", "GET /9999/99/%2e%2e/", "GET /tag/", "GET /tag//feed/", "GET /author/%C3%A9/",
		"GET /feed/atom", "GET /static/", "GET /static/style.css?x=1", "POST /comments/", "OPTIONS *",
		"GET //x//y/../", "GET /sitemap.xml/", "GET /robots.txt?x", "GET /%00", "PUT /healthz",
		"GET http://other.example/privacy/", "GET /tag/russia/page/2/?page=3",
		"GET /2024/03/x/comment-page-2/", "GET /2024/03/x/feed/", "GET /2024/03/x/comment-page-0/",
		"GET /2024/03/x/?cpage=99999999", "GET /2024/03/x/?replytocom=-1", "GET /comments/feed/",
		"GET /avatar/../x.svg", "GET /avatar/00000000000000000000000000000000.svg", "POST /wp-comments-post.php",
	} {
		f.Add(seed)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		f.Fatal(err)
	}
	save(f, st, referenceArticle(f, ""))
	cfg := testConfig()
	cfg.Comments, cfg.Avatars = commentDeps(f, st, nil)
	s, err := New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(line + " HTTP/1.1\r\nHost: news.example\r\n\r\n")))
		if err != nil {
			return // net/http would have refused it before any handler
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Errorf("%q: status %d", line, rec.Code)
		}
	})
}
