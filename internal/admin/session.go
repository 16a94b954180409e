package admin

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"time"

	"masthead/internal/httpx"
	"masthead/internal/store"
)

const (
	sessionCookie = "masthead_session"
	loginCookie   = "masthead_login"
	// touchEvery spares a write on every request: activity is recorded at
	// most once a minute, which is all the idle timeout needs.
	touchEvery = time.Minute
)

// newSessionToken returns the token for the cookie and the id stored for
// it: the SHA-256 of its 32 random bytes.
func newSessionToken() (token, id string) {
	b := make([]byte, 32)
	rand.Read(b)
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(b), hex.EncodeToString(sum[:])
}

// sessionID is the stored id for a cookie's token, or false if the cookie
// holds no token of ours.
func sessionID(token string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 32 {
		return "", false
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), true
}

// startSession signs u in on this browser: a new session (never one the
// browser brought, against fixation) and its cookie.
func (a *Admin) startSession(w http.ResponseWriter, r *http.Request, u *store.User) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if old, ok := sessionID(c.Value); ok {
			a.st.DeleteSession(r.Context(), old)
		}
	}
	now := a.now()
	token, id := newSessionToken()
	ua := r.UserAgent()
	if len(ua) > 300 {
		ua = ua[:300]
	}
	ss := &store.Session{
		ID: id, UserID: u.ID, CSRF: httpx.NewToken(), UserAgent: ua, IP: a.cfg.Proxies.ClientIP(r).String(),
		Created: now, LastSeen: now, Expires: now.Add(min(a.cfg.SessionIdle, a.cfg.SessionMax)),
	}
	if err := a.st.CreateSession(r.Context(), ss); err != nil {
		return err
	}
	a.setSessionCookie(w, r, token, int(a.cfg.SessionMax/time.Second))
	return nil
}

func (a *Admin) setSessionCookie(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/admin/", MaxAge: maxAge,
		HttpOnly: true, Secure: a.cfg.Proxies.IsHTTPS(r), SameSite: http.SameSiteLaxMode,
	})
}

func (a *Admin) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	a.setSessionCookie(w, r, "", -1)
}

// session finds who is signed in on this request. No session is (nil,
// false, nil); stale says the browser brought a cookie that no longer
// works (ended, expired, account disabled), which is then cleared.
func (a *Admin) session(w http.ResponseWriter, r *http.Request) (v *viewer, stale bool, err error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, false, nil
	}
	id, ok := sessionID(c.Value)
	if !ok {
		a.clearSessionCookie(w, r)
		return nil, true, nil
	}
	ctx := r.Context()
	ss, u, err := a.st.SessionUser(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		a.clearSessionCookie(w, r)
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	now := a.now()
	role, roleErr := ParseRole(u.Role)
	if u.Disabled || !now.Before(ss.Expires) || roleErr != nil {
		a.st.DeleteSession(ctx, id)
		a.clearSessionCookie(w, r)
		return nil, true, nil
	}
	if now.Sub(ss.LastSeen) >= touchEvery {
		expires := now.Add(a.cfg.SessionIdle)
		if end := ss.Created.Add(a.cfg.SessionMax); end.Before(expires) {
			expires = end
		}
		if err := a.st.TouchSession(ctx, id, now, expires); err != nil {
			a.log.Warn("admin: record session activity", "err", err)
		}
	}
	return &viewer{
		user: User{ID: u.ID, Email: u.Email, Name: u.Name, Role: role},
		csrf: ss.CSRF, sessionID: id,
	}, false, nil
}

// toLogin sends a browser that is not signed in to the sign-in page,
// to come back here after.
func (a *Admin) toLogin(w http.ResponseWriter, r *http.Request, stale bool) {
	q := url.Values{}
	if next := safeNext(r.URL.RequestURI()); next != "/admin/" {
		q.Set("next", next)
	}
	if stale {
		q.Set("ended", "1")
	}
	target := "/admin/login"
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
