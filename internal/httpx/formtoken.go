package httpx

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"time"
)

// FormTokens guards forms shown before there is a session, such as the
// sign-in form, with signed double-submit tokens: a random nonce in an
// HttpOnly cookie, and in the form an expiry with an HMAC over nonce and
// expiry. A forged request carries no matching pair, since another site can
// neither read the cookie nor sign without the key.
type FormTokens struct {
	key    []byte
	cookie string
	path   string
	ttl    time.Duration
	now    func() time.Time
}

// NewFormTokens makes tokens signed with key (at least 32 random bytes),
// their nonce kept in the named cookie scoped to path, valid for ttl.
func NewFormTokens(key []byte, cookie, path string, ttl time.Duration) *FormTokens {
	return &FormTokens{key: key, cookie: cookie, path: path, ttl: ttl, now: time.Now}
}

// SetClock replaces the clock, for tests.
func (f *FormTokens) SetClock(now func() time.Time) { f.now = now }

// Issue returns a token for a form in this response and sets the nonce
// cookie, keeping the browser's nonce if it has one (so a second tab's
// form stays valid) but renewing its lifetime to match the new token's.
// secure marks the cookie HTTPS-only.
func (f *FormTokens) Issue(w http.ResponseWriter, r *http.Request, secure bool) string {
	nonce := f.nonce(r)
	if nonce == nil {
		nonce = make([]byte, 16)
		randRead(nonce)
	}
	http.SetCookie(w, &http.Cookie{
		Name: f.cookie, Value: base64.RawURLEncoding.EncodeToString(nonce), Path: f.path,
		MaxAge: int(f.ttl / time.Second), HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
	exp := make([]byte, 8)
	binary.BigEndian.PutUint64(exp, uint64(f.now().Add(f.ttl).Unix()))
	return base64.RawURLEncoding.EncodeToString(append(exp, f.mac(nonce, exp)...))
}

// Valid reports whether token was issued to this browser and has not
// expired.
func (f *FormTokens) Valid(r *http.Request, token string) bool {
	nonce := f.nonce(r)
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if nonce == nil || err != nil || len(raw) != 8+sha256.Size {
		return false
	}
	exp, sum := raw[:8], raw[8:]
	if !hmac.Equal(sum, f.mac(nonce, exp)) {
		return false
	}
	return f.now().Unix() < int64(binary.BigEndian.Uint64(exp))
}

func (f *FormTokens) nonce(r *http.Request) []byte {
	c, err := r.Cookie(f.cookie)
	if err != nil {
		return nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) != 16 {
		return nil
	}
	return b
}

func (f *FormTokens) mac(nonce, exp []byte) []byte {
	m := hmac.New(sha256.New, f.key)
	m.Write([]byte("masthead form token\x00" + f.cookie + "\x00"))
	m.Write(nonce)
	m.Write(exp)
	return m.Sum(nil)
}
