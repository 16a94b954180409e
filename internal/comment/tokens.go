package comment

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"sync"
	"time"
)

// TokenState is what checking a form token found.
type TokenState uint8

// Token states. TokenUnknown means no check was made (no Tokens configured).
const (
	TokenUnknown TokenState = iota
	TokenOK
	TokenMissing
	TokenForged   // bad signature, bad encoding, or issued for another article
	TokenExpired  // older than TokenMaxAge
	TokenReplayed // a form-seen cookie already used for a comment from this IP
)

// String names the state for reasons and logs.
func (s TokenState) String() string {
	names := [...]string{"unknown", "ok", "missing", "forged", "expired", "replayed"}
	if int(s) >= len(names) {
		return "invalid"
	}
	return names[s]
}

// Token and cookie lifetimes.
const (
	TokenMaxAge = 24 * time.Hour      // like a WordPress nonce, a form works for a day
	HeldMaxAge  = 30 * 24 * time.Hour // a reader sees their held comments for a month
	maxHeldIDs  = 20
	replayCap   = 1 << 17 // used nonces remembered; more than a day of comments at any sane rate
	clockSkew   = time.Minute
)

// SeenCookieName is the form-seen cookie: when this browser was last served
// the comment form, and a nonce that lets one comment be posted with it.
const SeenCookieName = "masthead_seen"

// Tokens signs what proves a comment came through the site's own form.
//
// Because article pages are cached and shared by every reader, the form
// proof comes in two parts. The page token sits in the page: signed, bound
// to the article, time-stamped at render, the same for everyone who got
// that render, and so not single-use. The form-seen cookie comes with the
// page (see Seen): a signed time and nonce that gives a comment its form
// age and, with the poster's IP, catches a cookie sent twice.
//
// Tokens also signs the cookie that lets a reader see their held comments.
// Keys are derived per purpose from the site secret, so one can never be
// passed off as another. Safe for concurrent use.
type Tokens struct {
	formKey, seenKey, heldKey []byte
	now                       func() time.Time
	used                      *replayCache
}

// NewTokens makes Tokens from the site secret (at least 16 bytes). now may be
// nil for the wall clock.
func NewTokens(secret []byte, now func() time.Time) (*Tokens, error) {
	if len(secret) < 16 {
		return nil, errors.New("comment: site secret must be at least 16 bytes")
	}
	if now == nil {
		now = time.Now
	}
	return &Tokens{
		formKey: deriveKey(secret, "form-token"),
		seenKey: deriveKey(secret, "form-seen"),
		heldKey: deriveKey(secret, "held-cookie"),
		now:     now,
		used:    newReplayCache(replayCap),
	}, nil
}

// Now is the clock the tokens are stamped with, so that callers caching
// tokens can age them on the same clock.
func (t *Tokens) Now() time.Time { return t.now() }

// deriveKey gives each use of the site secret its own key.
func deriveKey(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("masthead/comment/" + purpose))
	return m.Sum(nil)
}

func mac(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)[:16] // 128 bits is plenty against forgery and keeps tokens short
}

const (
	pagePayload = 8 + 8 // article id, issue time (Unix ms)
	pageLen     = pagePayload + 16
	seenPayload = 8 + 12 // issue time (Unix ms), nonce
	seenLen     = seenPayload + 16
)

// Issue returns the page token for the comment form of an article.
func (t *Tokens) Issue(articleID int64) string {
	buf := make([]byte, pagePayload, pageLen)
	binary.BigEndian.PutUint64(buf[0:], uint64(articleID))
	binary.BigEndian.PutUint64(buf[8:], uint64(t.now().UnixMilli()))
	buf = append(buf, mac(t.formKey, buf)...)
	return base64.RawURLEncoding.EncodeToString(buf)
}

// Seen returns a new form-seen cookie value, stamped now. One value may be
// handed to many readers at once (pages are cached): the replay check
// pairs its nonce with the poster's IP.
func (t *Tokens) Seen() string {
	buf := make([]byte, seenPayload, seenLen)
	binary.BigEndian.PutUint64(buf[0:], uint64(t.now().UnixMilli()))
	rand.Read(buf[8:seenPayload])
	buf = append(buf, mac(t.seenKey, buf)...)
	return base64.RawURLEncoding.EncodeToString(buf)
}

// TokenCheck is the result of checking a comment's form proof.
type TokenCheck struct {
	State TokenState
	// Age is how long ago this browser was served the form, from its
	// form-seen cookie; 0 when unknown (no cookie, or a stale one).
	Age time.Duration
}

// Check verifies the page token for the article and the form-seen cookie
// sent with the comment from ip. A missing, forged or expired page token
// decides the state. The cookie then gives the form's age; a forged one
// makes the state TokenForged, and one already used by this poster for a
// comment TokenReplayed. poster names who posts (IP and email): readers
// behind one address who got the same shared cookie are told apart. An absent or outdated cookie leaves the state
// TokenOK with Age 0: the form is ours, its timing unknown. A good cookie
// is marked used.
func (t *Tokens) Check(token, seen string, articleID int64, poster string) TokenCheck {
	if token == "" {
		return TokenCheck{State: TokenMissing}
	}
	raw, ok := decodeSigned(token, pageLen, t.formKey)
	if !ok || int64(binary.BigEndian.Uint64(raw[0:])) != articleID {
		return TokenCheck{State: TokenForged}
	}
	now := t.now()
	switch age := now.Sub(time.UnixMilli(int64(binary.BigEndian.Uint64(raw[8:])))); {
	case age < -clockSkew: // signed by us, so only clock skew between instances
		return TokenCheck{State: TokenForged}
	case age > TokenMaxAge:
		return TokenCheck{State: TokenExpired}
	}
	if seen == "" {
		return TokenCheck{State: TokenOK}
	}
	sraw, ok := decodeSigned(seen, seenLen, t.seenKey)
	if !ok {
		return TokenCheck{State: TokenForged}
	}
	served := time.UnixMilli(int64(binary.BigEndian.Uint64(sraw[0:])))
	age := now.Sub(served)
	switch {
	case age < -clockSkew:
		return TokenCheck{State: TokenForged}
	case age > TokenMaxAge: // the browser should have dropped it; timing unknown
		return TokenCheck{State: TokenOK}
	}
	// A known age is never 0, which Meta.FormAge reserves for "unknown".
	age = max(age, time.Millisecond)
	if !t.used.add(replayKey(sraw[8:seenPayload], poster), served.Add(TokenMaxAge+clockSkew), now) {
		return TokenCheck{State: TokenReplayed, Age: age}
	}
	return TokenCheck{State: TokenOK, Age: age}
}

// decodeSigned decodes a base64 value of n bytes whose last 16 are the MAC
// of the rest under key.
func decodeSigned(s string, n int, key []byte) ([]byte, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) != n || !hmac.Equal(raw[n-16:], mac(key, raw[:n-16])) {
		return nil, false
	}
	return raw, true
}

// replayKey pairs a form-seen nonce with the poster: readers who got the
// same shared cookie value are told apart by who they are.
func replayKey(nonce []byte, poster string) [16]byte {
	h := sha256.New()
	h.Write(nonce)
	h.Write([]byte(poster))
	var k [16]byte
	copy(k[:], h.Sum(nil))
	return k
}

// replayCache remembers used keys until their cookie would expire anyway.
// It lives in memory: with several instances a cookie could be replayed once
// per instance, which the flood and duplicate checks still limit.
type replayCache struct {
	mu      sync.Mutex
	expires map[[16]byte]time.Time
	ring    [][16]byte // insertion order, oldest at head, for eviction
	head, n int
}

func newReplayCache(capacity int) *replayCache {
	return &replayCache{expires: make(map[[16]byte]time.Time), ring: make([][16]byte, capacity)}
}

// add records the key and reports whether it was new.
func (c *replayCache) add(key [16]byte, expires, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.expires[key]; seen {
		return false
	}
	// Cookies are used roughly in issue order, so the oldest entries expire
	// first; when full, the oldest go even if unexpired (bounded memory wins).
	for c.n > 0 && (c.n == len(c.ring) || !c.expires[c.ring[c.head]].After(now)) {
		delete(c.expires, c.ring[c.head])
		c.head = (c.head + 1) % len(c.ring)
		c.n--
	}
	c.expires[key] = expires
	c.ring[(c.head+c.n)%len(c.ring)] = key
	c.n++
	return true
}
