package comment

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// settingsCache keeps the settings in memory: every comment needs them, and
// reading the table each time would cost a query per post. Entries age out
// after ttl, so a change made by another process is seen within it.
type settingsCache struct {
	ttl     time.Duration
	refresh sync.Mutex // one reader of the table at a time
	cur     atomic.Pointer[cachedSettings]
}

type cachedSettings struct {
	s  Settings
	at time.Time // wall clock, not Service.now: tests' fake clocks must not freeze the cache
}

// Settings returns the discussion settings, from memory when fresh.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	c := s.settings.cur.Load()
	if c != nil && time.Since(c.at) < s.settings.ttl {
		return c.s, nil
	}
	if c != nil && !s.settings.refresh.TryLock() {
		return c.s, nil // another goroutine is refreshing; a moment-old value is fine
	}
	if c == nil {
		s.settings.refresh.Lock()
	}
	defer s.settings.refresh.Unlock()
	if c2 := s.settings.cur.Load(); c2 != nil && c2 != c && time.Since(c2.at) < s.settings.ttl {
		return c2.s, nil
	}
	vals, err := s.store.Settings(ctx)
	if err != nil {
		return Settings{}, err
	}
	// A bad stored value keeps its default; Set never stores one.
	set, _ := SettingsFrom(vals)
	s.settings.cur.Store(&cachedSettings{s: set, at: time.Now()})
	return set, nil
}

// SettingValue is a setting with its current value, for listing.
type SettingValue struct {
	Key
	Value string
}

// SettingValues lists every setting with its current value, by name.
func (s *Service) SettingValues(ctx context.Context) ([]SettingValue, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	keys := Keys()
	out := make([]SettingValue, len(keys))
	for i, k := range keys {
		v, _ := set.Get(k.Name)
		out[i] = SettingValue{Key: k, Value: v}
	}
	return out, nil
}

// Setting returns one setting's current value; unknown keys are an error.
func (s *Service) Setting(ctx context.Context, key string) (string, error) {
	if _, err := lookup(key); err != nil {
		return "", err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	return set.Get(key)
}

// SetSetting validates and stores one setting in canonical form. Unknown
// keys and bad values are refused with a message naming the problem.
func (s *Service) SetSetting(ctx context.Context, key, value string) error {
	set := DefaultSettings()
	if err := set.Set(key, value); err != nil {
		return err
	}
	canon, _ := set.Get(key)
	if err := s.store.SetSetting(ctx, key, canon); err != nil {
		return err
	}
	s.settings.cur.Store(nil) // this process sees the change at once
	return nil
}
