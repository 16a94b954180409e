package akismet

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/filter"
	"masthead/internal/filter/filtertest"
	"masthead/internal/spam"
	"masthead/internal/store"
)

// BenchmarkCommentCheck measures a comment-check through the handler:
// "handler" with a model that answers at once (the API's own cost: form
// parsing, key lookup, counting, the verdict cache), "test-model" with
// the word-counting test model, "default-model" with what serve runs.
func BenchmarkCommentCheck(b *testing.B) {
	def, err := spam.NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		model filter.Model
	}{
		{"handler", constModel{}},
		{"test-model", filtertest.NewModel()},
		{"default-model", def},
	} {
		b.Run(bc.name, func(b *testing.B) {
			h := benchHandler(b, bc.model)
			body := comment("comment_content", strings.Repeat("Thank you for this clear piece on the election. ", 12),
				"comment_post_modified_gmt", "2026-03-24T04:12:09Z").Encode()
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest(http.MethodPost, "/1.1/comment-check", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Body.String() != "false" {
						b.Fatalf("answer %q", w.Body.String())
					}
				}
			})
		})
	}
}

func benchHandler(b *testing.B, m filter.Model) *Handler {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if err := st.CreateAPIKey(ctx, &store.APIKey{Key: testKey, Site: "https://blog.example"}); err != nil {
		b.Fatal(err)
	}
	return New(filter.New(m, st, nil), st, nil)
}

// constModel calls everything ham at no cost.
type constModel struct{}

func (constModel) Check(spam.Comment) spam.Verdict { return spam.Verdict{Class: spam.ClassHam} }
func (constModel) Features(spam.Comment) []string  { return nil }
func (constModel) Learn([]string, bool)            {}
