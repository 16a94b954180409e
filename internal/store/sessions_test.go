package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		u := &store.User{Email: "mo@example.org", Name: "Mo", Role: "moderator", PasswordHash: "h"}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		a := &store.Session{ID: "aaaa", UserID: u.ID, CSRF: "tok-a", UserAgent: "Firefox", IP: "203.0.113.9",
			Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
		b := &store.Session{ID: "bbbb", UserID: u.ID, CSRF: "tok-b", Created: now, LastSeen: now, Expires: now.Add(2 * time.Hour)}
		for _, ss := range []*store.Session{a, b} {
			if err := s.CreateSession(ctx, ss); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateSession(ctx, a); !errors.Is(err, store.ErrConflict) {
			t.Errorf("same id twice: err = %v, want ErrConflict", err)
		}
		ss, su, err := s.SessionUser(ctx, "aaaa")
		if err != nil {
			t.Fatal(err)
		}
		if ss.CSRF != "tok-a" || ss.UserAgent != "Firefox" || ss.IP != "203.0.113.9" || !ss.Expires.Equal(now.Add(time.Hour)) {
			t.Errorf("session = %+v", ss)
		}
		if su.ID != u.ID || su.Name != "Mo" || su.Role != "moderator" {
			t.Errorf("session user = %+v", su)
		}

		later := now.Add(30 * time.Minute)
		if err := s.TouchSession(ctx, "aaaa", later, later.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		now = now.Add(90 * time.Minute) // past a's first end, before its new one and b's
		if ss, _, err := s.SessionUser(ctx, "aaaa"); err != nil || !ss.LastSeen.Equal(later) {
			t.Errorf("touched session: %+v, %v", ss, err)
		}
		active, err := s.ActiveSessions(ctx)
		if err != nil || len(active) != 2 || active[0].ID != "aaaa" {
			t.Errorf("active = %+v, %v; want aaaa (seen last) then bbbb", active, err)
		}

		now = now.Add(time.Hour) // both have ended
		if _, _, err := s.SessionUser(ctx, "bbbb"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired session: err = %v, want ErrNotFound", err)
		}
		if n, err := s.DeleteExpiredSessions(ctx); err != nil || n != 2 {
			t.Errorf("expired removed = %d, %v; want 2", n, err)
		}

		c := &store.Session{ID: "cccc", UserID: u.ID, CSRF: "c", Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
		d := &store.Session{ID: "dddd", UserID: u.ID, CSRF: "d", Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
		for _, ss := range []*store.Session{c, d} {
			if err := s.CreateSession(ctx, ss); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.DeleteSession(ctx, "cccc"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionUser(ctx, "cccc"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted session: err = %v", err)
		}
		if err := s.DeleteSession(ctx, "cccc"); err != nil {
			t.Errorf("deleting twice: %v", err)
		}
		if err := s.SetUserDisabled(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionUser(ctx, "dddd"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("disabling the account left session dddd: err = %v", err)
		}
		e := &store.Session{ID: "eeee", UserID: u.ID, CSRF: "e", Created: now, LastSeen: now, Expires: now.Add(time.Hour)}
		if err := s.CreateSession(ctx, e); err != nil {
			t.Fatal(err)
		}
		if n, err := s.DeleteUserSessions(ctx, u.ID); err != nil || n != 1 {
			t.Errorf("user's sessions removed = %d, %v; want 1", n, err)
		}
	})
}

func TestAuthKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		k1, err := s.AuthKey(ctx, "login-form")
		if err != nil || len(k1) != 32 {
			t.Fatalf("key = %x, %v", k1, err)
		}
		k2, err := s.AuthKey(ctx, "login-form")
		if err != nil || !bytes.Equal(k1, k2) {
			t.Errorf("second read = %x, %v; want the same key %x", k2, err, k1)
		}
		other, err := s.AuthKey(ctx, "other")
		if err != nil || bytes.Equal(other, k1) {
			t.Errorf("another name gave %x, %v; want a different key", other, err)
		}
	})
}
