package admin

import "time"

// The package's tests are external (package admin_test) so that they can
// build on admintest, which imports this package; these are the internals
// they check directly.

// SessionCookie names the session's cookie.
const SessionCookie = sessionCookie

// SessionID is the stored id for a cookie's token.
func SessionID(token string) (string, bool) { return sessionID(token) }

// NewSessionToken is a session's cookie token and stored id.
func NewSessionToken() (token, id string) { return newSessionToken() }

// SafeNext is where signing in may return to.
func SafeNext(next string) string { return safeNext(next) }

// HumanWait says a wait in words.
func HumanWait(d time.Duration) string { return humanWait(d) }
