package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func own(headline string, status article.Status) *store.OwnArticle {
	return &store.OwnArticle{
		Article: &article.Article{
			Headline: headline, Summary: "Ours.", BodyHTML: "<p>Our <em>own</em> words.</p>",
			Authors: []article.Author{{Name: "Ed Editor"}}, Tags: []string{"Local"},
			Licence: article.Licence{Name: "All rights reserved"}, Status: status,
		},
		Markdown: "Our *own* words.",
	}
}

func TestOwnArticleDraftAndPublish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 1, 30, 10, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return at })

		draft := own("Council meets", article.StatusUnpublished)
		if err := s.CreateOwnArticle(ctx, draft); err != nil {
			t.Fatal(err)
		}
		if !draft.Draft {
			t.Error("an unpublished new article is not a draft")
		}
		got, err := s.OwnArticleByID(ctx, draft.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Markdown != "Our *own* words." || !got.Draft || got.Article.Status != article.StatusUnpublished ||
			!slices.Equal(got.Article.Tags, []string{"Local"}) || len(got.Article.Authors) != 1 {
			t.Errorf("OwnArticleByID = %+v / %+v", got, got.Article)
		}

		// Edited in February, published in March: the path is March's, from
		// the headline as it is then.
		at = time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
		got.Article.Headline, got.Markdown = "Council meets at last", "New *words*."
		got.Article.BodyHTML = "<p>New <em>words</em>.</p>"
		if err := s.UpdateOwnArticle(ctx, got); err != nil {
			t.Fatal(err)
		}
		at = time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
		v0, _ := s.Version(ctx)
		if err := s.SetArticleStatus(ctx, draft.Article.ID, article.StatusPublished); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Version(ctx); v <= v0 {
			t.Error("publishing did not bump the version")
		}
		pub, err := s.ArticleByPath(ctx, "/2026/03/council-meets-at-last/")
		if err != nil {
			t.Fatalf("published draft not at its new path: %v", err)
		}
		if pub.BodyHTML != "<p>New <em>words</em>.</p>" || !pub.Published.Equal(at) {
			t.Errorf("published = %q at %v", pub.BodyHTML, pub.Published)
		}

		// Unpublished and published again, it keeps its path and date.
		at = at.Add(48 * time.Hour)
		if err := s.SetArticleStatus(ctx, pub.ID, article.StatusUnpublished); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ArticleByPath(ctx, pub.Path()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unpublished article still served: %v", err)
		}
		if err := s.SetArticleStatus(ctx, pub.ID, article.StatusPublished); err != nil {
			t.Fatal(err)
		}
		if again, err := s.ArticleByPath(ctx, pub.Path()); err != nil || !again.Published.Equal(pub.Published) {
			t.Errorf("republished: %v, %v; want the same path and date", again, err)
		}
		if err := s.SetArticleStatus(ctx, pub.ID, "draft"); err == nil {
			t.Error("status \"draft\" was accepted")
		}
		if err := s.SetArticleStatus(ctx, 424242, article.StatusPublished); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing article: %v, want ErrNotFound", err)
		}

		// A second draft with the same headline gets a numbered path.
		twin := own("Council meets at last", article.StatusUnpublished)
		if err := s.CreateOwnArticle(ctx, twin); err != nil {
			t.Fatal(err)
		}
		if err := s.SetArticleStatus(ctx, twin.Article.ID, article.StatusPublished); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ArticleByPath(ctx, "/2026/03/council-meets-at-last-2/"); err != nil {
			t.Errorf("twin not at a numbered path: %v", err)
		}
	})
}

func TestAllArticlesAndTags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nd := sample("tag:tc/1")
		if _, err := s.SaveImported(ctx, nd); err != nil {
			t.Fatal(err)
		}
		mine := own("Our story", article.StatusPublished)
		mine.Article.Published = nd.Published.Add(time.Hour)
		if err := s.CreateOwnArticle(ctx, mine); err != nil {
			t.Fatal(err)
		}
		if err := s.SetArticleStatus(ctx, nd.ID, article.StatusUnpublished); err != nil {
			t.Fatal(err)
		}
		rows, total, err := s.AllArticles(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(rows) != 2 || rows[0].ID != mine.Article.ID || !rows[0].Own || rows[0].Draft ||
			rows[1].Own || rows[1].Status != article.StatusUnpublished {
			t.Fatalf("AllArticles = %d %+v", total, rows)
		}
		if !slices.Equal(rows[1].Tags, []string{"Russia", "Terrorism"}) {
			t.Errorf("tags not loaded: %v", rows[1].Tags)
		}
		if page, _, _ := s.AllArticles(ctx, 1, 1); len(page) != 1 || page[0].ID != nd.ID {
			t.Errorf("second page = %+v", page)
		}

		v0, _ := s.Version(ctx)
		if err := s.SetArticleTags(ctx, nd.ID, []string{" Europe ", "europe", "Security"}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.ArticleByID(ctx, nd.ID)
		if !slices.Equal(got.Tags, []string{"Europe", "Security"}) || got.BodyHTML != nd.BodyHTML {
			t.Errorf("after SetArticleTags: tags %v, body %q", got.Tags, got.BodyHTML)
		}
		if v, _ := s.Version(ctx); v <= v0 {
			t.Error("retagging did not bump the version")
		}
		if err := s.SetArticleTags(ctx, 424242, nil); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("retagging a missing article: %v", err)
		}

		// Imported stories are not the site's own.
		if _, err := s.OwnArticleByID(ctx, nd.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("OwnArticleByID(imported) = %v, want ErrNotFound", err)
		}
		o := own("Hijack", article.StatusPublished)
		o.Article.ID = nd.ID
		if err := s.UpdateOwnArticle(ctx, o); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("UpdateOwnArticle(imported) = %v, want ErrNotFound", err)
		}
		if got, _ := s.ArticleByID(ctx, nd.ID); got.BodyHTML != nd.BodyHTML {
			t.Error("an imported body was changed through UpdateOwnArticle")
		}
		bad := own("Sourced", article.StatusPublished)
		bad.Article.Source.Name = "Elsewhere"
		if err := s.CreateOwnArticle(ctx, bad); err == nil {
			t.Error("an own article with a source was accepted")
		}
	})
}

func TestOwnArticleWithoutMarkdown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := &article.Article{Headline: "Old own story", BodyHTML: "<p>From before</p>"}
		if err := s.CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		o, err := s.OwnArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Markdown != "<p>From before</p>" || o.Draft {
			t.Errorf("own article without Markdown = %+v", o)
		}
		o.Markdown, o.Article.BodyHTML = "Now *Markdown*", "<p>Now <em>Markdown</em></p>"
		if err := s.UpdateOwnArticle(ctx, o); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.OwnArticleByID(ctx, a.ID); again.Markdown != "Now *Markdown*" || again.Draft {
			t.Errorf("after update = %+v", again)
		}
	})
}

func TestBodyEditRefusal(t *testing.T) {
	for _, tc := range []struct {
		l      article.Licence
		refuse bool
	}{
		{article.Licence{Name: "CC BY-ND 4.0"}, true},
		{article.Licence{URL: "https://creativecommons.org/licenses/by-nc-nd/4.0/"}, true},
		{article.Licence{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}, false},
		{article.Licence{Name: "All rights reserved"}, false},
	} {
		err := store.BodyEditRefusal(tc.l)
		if (err != nil) != tc.refuse || (err != nil && !errors.Is(err, store.ErrNoDerivatives)) {
			t.Errorf("BodyEditRefusal(%+v) = %v, want refusal %v", tc.l, err, tc.refuse)
		}
	}
}
