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
	TokenReplayed // a valid token already used for a comment
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
)

// Tokens signs the comment form's time-stamped token and the cookie that
// lets a reader see their own held comments. Keys are derived per purpose
// from the site secret, so one can never be passed off as the other.
// Safe for concurrent use.
type Tokens struct {
	formKey, heldKey []byte
	now              func() time.Time
	used             *replayCache
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
		heldKey: deriveKey(secret, "held-cookie"),
		now:     now,
		used:    newReplayCache(replayCap),
	}, nil
}

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
	tokenPayload = 8 + 8 + 12 // article id, issue time (Unix ms), nonce
	tokenLen     = tokenPayload + 16
)

// Issue returns a form token for a comment on the article.
func (t *Tokens) Issue(articleID int64) string {
	buf := make([]byte, tokenPayload, tokenLen)
	binary.BigEndian.PutUint64(buf[0:], uint64(articleID))
	binary.BigEndian.PutUint64(buf[8:], uint64(t.now().UnixMilli()))
	rand.Read(buf[16:tokenPayload])
	buf = append(buf, mac(t.formKey, buf)...)
	return base64.RawURLEncoding.EncodeToString(buf)
}

// TokenCheck is the result of checking a form token.
type TokenCheck struct {
	State TokenState
	Age   time.Duration // since the form was served, when the signature held
}

// Check verifies a form token for the article and, when it is good, marks
// it used so it cannot be sent twice. The age is reported for every
// genuine token, so a filter can tell a form filled in too fast.
func (t *Tokens) Check(token string, articleID int64) TokenCheck {
	if token == "" {
		return TokenCheck{State: TokenMissing}
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != tokenLen || !hmac.Equal(raw[tokenPayload:], mac(t.formKey, raw[:tokenPayload])) {
		return TokenCheck{State: TokenForged}
	}
	if int64(binary.BigEndian.Uint64(raw[0:])) != articleID {
		return TokenCheck{State: TokenForged}
	}
	issued := time.UnixMilli(int64(binary.BigEndian.Uint64(raw[8:])))
	now := t.now()
	age := now.Sub(issued)
	switch {
	case age < -time.Minute: // signed by us, so only clock skew between instances
		return TokenCheck{State: TokenForged}
	case age > TokenMaxAge:
		return TokenCheck{State: TokenExpired, Age: age}
	}
	var nonce [12]byte
	copy(nonce[:], raw[16:tokenPayload])
	if !t.used.add(nonce, issued.Add(TokenMaxAge), now) {
		return TokenCheck{State: TokenReplayed, Age: age}
	}
	return TokenCheck{State: TokenOK, Age: max(age, 0)}
}

// replayCache remembers used nonces until their token would expire anyway.
// It lives in memory: with several instances a token could be replayed once
// per instance, which the duplicate check still catches for the same text.
type replayCache struct {
	mu      sync.Mutex
	expires map[[12]byte]time.Time
	ring    [][12]byte // insertion order, oldest at head, for eviction
	head, n int
}

func newReplayCache(capacity int) *replayCache {
	return &replayCache{expires: make(map[[12]byte]time.Time), ring: make([][12]byte, capacity)}
}

// add records the nonce and reports whether it was new.
func (c *replayCache) add(nonce [12]byte, expires, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.expires[nonce]; seen {
		return false
	}
	// Tokens are used roughly in issue order, so the oldest entries expire
	// first; when full, the oldest go even if unexpired (bounded memory wins).
	for c.n > 0 && (c.n == len(c.ring) || !c.expires[c.ring[c.head]].After(now)) {
		delete(c.expires, c.ring[c.head])
		c.head = (c.head + 1) % len(c.ring)
		c.n--
	}
	c.expires[nonce] = expires
	c.ring[(c.head+c.n)%len(c.ring)] = nonce
	c.n++
	return true
}
