package syndication

import (
	"testing"
	"time"
)

func TestNextPoll(t *testing.T) {
	now := time.Date(2024, 3, 24, 12, 0, 0, 0, time.UTC)
	const m = time.Minute
	success := []struct {
		name                         string
		interval, maxAge, retryAfter time.Duration
		want                         time.Duration
	}{
		{"interval", 30 * m, 0, 0, 30 * m},
		{"max-age shorter than the interval", 30 * m, 5 * m, 0, 30 * m},
		{"max-age longer than the interval", 30 * m, 2 * time.Hour, 0, 2 * time.Hour},
		{"max-age capped at a day", 30 * m, 365 * 24 * time.Hour, 0, 24 * time.Hour},
		{"retry-after on a good answer", 30 * m, 0, 3 * time.Hour, 3 * time.Hour},
	}
	for _, tt := range success {
		if got := nextAfterSuccess(now, tt.interval, tt.maxAge, tt.retryAfter).Sub(now); got != tt.want {
			t.Errorf("success, %s: next in %v, want %v", tt.name, got, tt.want)
		}
	}
	failure := []struct {
		name       string
		interval   time.Duration
		failures   int
		retryAfter time.Duration
		want       time.Duration
	}{
		{"first failure", 30 * m, 1, 0, time.Hour},
		{"second failure", 30 * m, 2, 0, 2 * time.Hour},
		{"fifth failure", 30 * m, 5, 0, 16 * time.Hour},
		{"capped at a day", 30 * m, 9, 0, 24 * time.Hour},
		{"many failures do not overflow", 30 * m, 10000, 0, 24 * time.Hour},
		{"retry-after longer than the back-off", 30 * m, 1, 5 * time.Hour, 5 * time.Hour},
		{"retry-after shorter than the back-off", 30 * m, 3, m, 4 * time.Hour},
		{"tiny interval backs off from a minute", 0, 1, 0, 2 * m},
		{"interval longer than a day is kept", 48 * time.Hour, 1, 0, 48 * time.Hour},
	}
	for _, tt := range failure {
		if got := nextAfterFailure(now, tt.interval, tt.failures, tt.retryAfter).Sub(now); got != tt.want {
			t.Errorf("failure, %s: next in %v, want %v", tt.name, got, tt.want)
		}
	}
}
