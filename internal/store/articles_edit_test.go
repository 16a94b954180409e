package store_test

import (
	"context"
	"errors"
	"testing"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestUpdateArticleBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nd := sample("tag:tc/nd")
		if _, err := s.SaveImported(ctx, nd); err != nil {
			t.Fatal(err)
		}
		err := s.UpdateArticleBody(ctx, nd.ID, "<p>Body, improved by us</p>")
		if !errors.Is(err, store.ErrNoDerivatives) {
			t.Fatalf("editing a CC BY-ND story: %v, want ErrNoDerivatives", err)
		}
		const msg = "CC BY-ND 4.0 forbids changing this story's text; only unpublishing, tags and presentation may change"
		if err.Error() != msg {
			t.Errorf("message = %q, want %q", err, msg)
		}
		got, _ := s.ArticleByID(ctx, nd.ID)
		if got.BodyHTML != "<p>Body</p>" {
			t.Errorf("refused edit changed the body to %q", got.BodyHTML)
		}
		if err := s.UpdateArticleBody(ctx, nd.ID, "<p>Body</p>"); err != nil {
			t.Errorf("saving the body unchanged: %v", err)
		}

		// Licences spelled out or known by URL only are recognised too.
		for _, l := range []article.Licence{
			{Name: "Creative Commons Attribution-NoDerivatives 4.0 International"},
			{URL: "https://creativecommons.org/licenses/by-nc-nd/3.0/"},
		} {
			a := sample("tag:nd/" + l.Name + l.URL)
			a.Slug, a.Licence = "", l
			a.Headline = "Story under " + l.Name + l.URL
			if _, err := s.SaveImported(ctx, a); err != nil {
				t.Fatal(err)
			}
			if err := s.UpdateArticleBody(ctx, a.ID, "<p>x</p>"); !errors.Is(err, store.ErrNoDerivatives) {
				t.Errorf("licence %+v: %v, want ErrNoDerivatives", l, err)
			}
		}

		by := sample("tag:gv/by")
		by.Slug, by.Headline = "", "A Global Voices story"
		by.Licence = article.Licence{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}
		if _, err := s.SaveImported(ctx, by); err != nil {
			t.Fatal(err)
		}
		v0, _ := s.Version(ctx)
		if err := s.UpdateArticleBody(ctx, by.ID, "<p>Edited</p>"); err != nil {
			t.Fatalf("editing a CC BY story: %v", err)
		}
		got, _ = s.ArticleByID(ctx, by.ID)
		if got.BodyHTML != "<p>Edited</p>" {
			t.Errorf("CC BY edit not saved: %q", got.BodyHTML)
		}
		if v, _ := s.Version(ctx); v <= v0 {
			t.Error("edit did not bump the version")
		}
		if err := s.UpdateArticleBody(ctx, 424242, "<p>x</p>"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing article: %v, want ErrNotFound", err)
		}
	})
}
