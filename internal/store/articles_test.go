package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func sample(id string) *article.Article {
	return &article.Article{
		Headline:  "Why would Islamic State attack Russia?",
		Summary:   "A summary.",
		BodyHTML:  "<p>Body</p>",
		Image:     article.Image{URL: "https://img.example/r.jpg", Alt: "an outlined map of Russia", Caption: "Map", Credit: "Shutterstock"},
		Authors:   []article.Author{article.ParseAuthor("Greg Barton, Chair in Global Islamic Politics, Deakin University")},
		Source:    article.Source{Name: "The Conversation", HomeURL: "https://theconversation.com", OriginalURL: "https://theconversation.com/x-1", UpstreamID: id},
		Licence:   article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"},
		Tags:      []string{"Terrorism", "Russia"},
		Published: time.Date(2024, 3, 24, 3, 40, 21, 0, time.UTC),
		Updated:   time.Date(2024, 3, 24, 4, 12, 9, 0, time.UTC),
		Slug:      "why-would-islamic-state-attack-russia",
	}
}

func TestSaveImported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		v0, _ := s.Version(ctx)
		a := sample("tag:x,2011:article/1")
		res, err := s.SaveImported(ctx, a)
		if err != nil || res != store.Created {
			t.Fatalf("first save = %v, %v; want Created", res, err)
		}
		if a.Path() != "/2024/03/why-would-islamic-state-attack-russia/" {
			t.Errorf("path = %q", a.Path())
		}
		if v1, _ := s.Version(ctx); v1 <= v0 {
			t.Errorf("version did not grow: %d -> %d", v0, v1)
		}
		again := sample("tag:x,2011:article/1")
		if res, err := s.SaveImported(ctx, again); err != nil || res != store.Unchanged {
			t.Fatalf("second save = %v, %v; want Unchanged", res, err)
		}
		if again.ID != a.ID || again.Path() != a.Path() {
			t.Errorf("re-import got id %d path %q, want %d %q", again.ID, again.Path(), a.ID, a.Path())
		}
		fixed := sample("tag:x,2011:article/1")
		fixed.BodyHTML = "<p>Corrected body</p>"
		fixed.Updated = fixed.Updated.Add(time.Hour)
		if res, err := s.SaveImported(ctx, fixed); err != nil || res != store.Updated {
			t.Fatalf("corrected save = %v, %v; want Updated", res, err)
		}
		got, err := s.ArticleByPath(ctx, a.Path())
		if err != nil {
			t.Fatal(err)
		}
		if got.BodyHTML != "<p>Corrected body</p>" || !got.Updated.Equal(fixed.Updated) || !got.Published.Equal(a.Published) {
			t.Errorf("after correction: body %q updated %v published %v", got.BodyHTML, got.Updated, got.Published)
		}
		if len(got.Authors) != 1 || got.Authors[0].Institution != "Deakin University" || got.Authors[0].Bio == "" {
			t.Errorf("authors = %+v", got.Authors)
		}
		if len(got.Tags) != 2 || got.Image != a.Image || got.Licence != a.Licence || got.Source != a.Source {
			t.Errorf("round trip lost data: %+v", got)
		}
	})
}

func TestPathsAreUnique(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := sample("id-a"), sample("id-b")
		for _, x := range []*article.Article{a, b} {
			if _, err := s.SaveImported(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		if a.Path() == b.Path() {
			t.Fatalf("two articles share path %q", a.Path())
		}
		if b.Slug != a.Slug+"-2" {
			t.Errorf("second slug = %q, want %q", b.Slug, a.Slug+"-2")
		}
	})
}

func TestArticleQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i, id := range []string{"1", "2", "3"} {
			a := sample(id)
			a.Slug = "story-" + id
			a.Published = a.Published.Add(time.Duration(i) * time.Hour)
			if id == "3" {
				a.Tags = []string{"Other"}
				a.Authors = []article.Author{{Name: "Jane Doe"}}
			}
			if _, err := s.SaveImported(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		list, total, err := s.Articles(ctx, store.ArticleQuery{Limit: 2})
		if err != nil || total != 3 || len(list) != 2 || list[0].Slug != "story-3" || list[1].Slug != "story-2" {
			t.Fatalf("front page = %d of %d (%v), want story-3, story-2 of 3", len(list), total, err)
		}
		list, total, _ = s.Articles(ctx, store.ArticleQuery{Tag: "russia"})
		if total != 2 || len(list) != 2 {
			t.Errorf("tag russia: %d articles, want 2", total)
		}
		list, total, _ = s.Articles(ctx, store.ArticleQuery{Author: "jane-doe"})
		if total != 1 || list[0].Slug != "story-3" {
			t.Errorf("author jane-doe: %d articles", total)
		}
		tags, err := s.Tags(ctx)
		if err != nil || len(tags) != 3 {
			t.Errorf("tags = %+v, %v", tags, err)
		}
		if _, err := s.ArticleByPath(ctx, "/2024/03/nope/"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing path: err = %v, want ErrNotFound", err)
		}
	})
}

func TestMigrateTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		done, err := s.Migrate(context.Background())
		if err != nil || len(done) != 0 {
			t.Errorf("second migrate applied %v, %v; want nothing", done, err)
		}
	})
}
