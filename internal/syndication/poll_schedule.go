package syndication

import "time"

// maxWait caps every delay the poller computes: a feed is looked at at
// least daily, whatever a server's headers or a long run of errors say.
const maxWait = 24 * time.Hour

// nextAfterSuccess is when to poll a source again after a good answer: its
// interval, or later if the server said its answer stays fresh longer
// (Cache-Control max-age) or asked us to wait (Retry-After).
func nextAfterSuccess(now time.Time, interval, maxAge, retryAfter time.Duration) time.Time {
	return now.Add(max(interval, min(maxAge, maxWait), min(retryAfter, maxWait)))
}

// nextAfterFailure backs off exponentially: twice the interval after one
// failure, four times after two, up to a day; never sooner than a
// Retry-After asks.
func nextAfterFailure(now time.Time, interval time.Duration, failures int, retryAfter time.Duration) time.Time {
	return now.Add(max(backoff(interval, failures), min(retryAfter, maxWait)))
}

func backoff(interval time.Duration, failures int) time.Duration {
	wait := max(interval, time.Minute)
	for range failures {
		if wait >= maxWait {
			break
		}
		wait *= 2
	}
	return max(min(wait, maxWait), interval)
}
