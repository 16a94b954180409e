package store_test

import (
	"context"
	"testing"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if m, err := s.Settings(ctx); err != nil || len(m) != 0 {
			t.Fatalf("fresh settings = %v, %v", m, err)
		}
		v0, _ := s.Version(ctx)
		for _, kv := range [][2]string{{"comment_max_links", "5"}, {"comment_max_links", "3"}, {"moderation_keys", "a\nb"}} {
			if err := s.SetSetting(ctx, kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := s.Version(ctx); v <= v0 {
			t.Error("setting did not bump version")
		}
		m, err := s.Settings(ctx)
		if err != nil || len(m) != 2 || m["comment_max_links"] != "3" || m["moderation_keys"] != "a\nb" {
			t.Errorf("settings = %q, %v", m, err)
		}
		if err := s.DeleteSetting(ctx, "comment_max_links"); err != nil {
			t.Fatal(err)
		}
		if m, _ := s.Settings(ctx); len(m) != 1 {
			t.Errorf("after delete: %q", m)
		}
	})
}
