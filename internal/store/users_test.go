package store_test

import (
	"context"
	"errors"
	"testing"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ann := &store.User{Email: " Ann@Example.org ", Name: "Ann Editor", Role: "editor", PasswordHash: "$argon2id$x"}
		if err := s.CreateUser(ctx, ann); err != nil {
			t.Fatal(err)
		}
		if ann.ID == 0 || ann.Created.IsZero() || ann.Email != "Ann@Example.org" {
			t.Errorf("after create: id %d created %v email %q", ann.ID, ann.Created, ann.Email)
		}
		dup := &store.User{Email: "ann@EXAMPLE.org", Name: "Other", Role: "admin", PasswordHash: "x"}
		if err := s.CreateUser(ctx, dup); !errors.Is(err, store.ErrConflict) {
			t.Errorf("same address in other case: err = %v, want ErrConflict", err)
		}
		got, err := s.UserByEmail(ctx, "ANN@example.ORG")
		if err != nil || got.ID != ann.ID || got.Name != "Ann Editor" || got.Role != "editor" || got.PasswordHash != "$argon2id$x" {
			t.Fatalf("by email = %+v, %v", got, err)
		}
		if !got.Created.Equal(ann.Created.Truncate(1000)) {
			t.Errorf("created %v, want %v", got.Created, ann.Created)
		}
		if _, err := s.UserByEmail(ctx, "nobody@example.org"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown email: err = %v", err)
		}
		if _, err := s.UserByID(ctx, ann.ID+100); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown id: err = %v", err)
		}
		bo := &store.User{Email: "bo@example.org", Name: "Bo", Role: "moderator", PasswordHash: "y"}
		if err := s.CreateUser(ctx, bo); err != nil {
			t.Fatal(err)
		}
		bad := &store.User{Email: "cy@example.org", Name: "Cy", Role: "owner", PasswordHash: "z"}
		if err := s.CreateUser(ctx, bad); err == nil {
			t.Error("a role the site does not know was stored")
		}
		list, err := s.Users(ctx)
		if err != nil || len(list) != 2 || list[0].Name != "Ann Editor" || list[1].Name != "Bo" {
			t.Fatalf("users = %+v, %v", list, err)
		}
		if err := s.SetUserDisabled(ctx, bo.ID, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.UserByID(ctx, bo.ID); !got.Disabled {
			t.Error("Bo is not disabled")
		}
		if err := s.SetUserDisabled(ctx, bo.ID+100, true); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("disable unknown user: err = %v", err)
		}
	})
}
