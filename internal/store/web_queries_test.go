package store_test

import (
	"context"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestPublishedPaths(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		base := time.Date(2024, 3, 24, 3, 0, 0, 0, time.UTC)
		for i, slug := range []string{"older", "newer", "hidden"} {
			a := &article.Article{
				Slug: slug, Headline: slug, BodyHTML: "<p>x</p>",
				Published: base.Add(time.Duration(i) * time.Hour),
				Updated:   base.Add(time.Duration(i)*time.Hour + time.Minute),
			}
			if slug == "hidden" {
				a.Status = article.StatusUnpublished
			}
			if err := s.CreateArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.PublishedPaths(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.PathStamp{
			{Path: "/2024/03/newer/", Updated: base.Add(time.Hour + time.Minute)},
			{Path: "/2024/03/older/", Updated: base.Add(time.Minute)},
		}
		if len(got) != len(want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i].Path != want[i].Path || !got[i].Updated.Equal(want[i].Updated) {
				t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
			}
		}
		if one, _ := s.PublishedPaths(ctx, 1); len(one) != 1 || one[0].Path != want[0].Path {
			t.Errorf("limit 1 = %+v", one)
		}
	})
}
