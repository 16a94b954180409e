package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"masthead/internal/admin/password"
	"masthead/internal/store"
)

// loginView is what the sign-in page shows.
type loginView struct {
	Email  string
	Next   string
	Token  string
	Error  string
	Notice string
}

func (a *Admin) loginPage(w http.ResponseWriter, r *http.Request) {
	if v, _, err := a.session(w, r); err == nil && v != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	q := r.URL.Query()
	view := loginView{Next: safeNext(q.Get("next"))}
	switch {
	case q.Get("signed-out") == "1":
		view.Notice = "You have signed out."
	case q.Get("ended") == "1":
		view.Notice = "Your session has ended. Please sign in again."
	}
	a.renderLogin(w, r, http.StatusOK, view)
}

func (a *Admin) renderLogin(w http.ResponseWriter, r *http.Request, status int, view loginView) {
	view.Token = a.loginTokens.Issue(w, r, a.cfg.Proxies.IsHTTPS(r))
	if view.Next == "/admin/" {
		view.Next = ""
	}
	a.RenderStatus(w, r, status, a.pages.login, "Sign in", view)
}

// loginRefused answers a sign-in whose form token failed: the form again,
// with a fresh token, rather than a dead end.
func (a *Admin) loginRefused(w http.ResponseWriter, r *http.Request) {
	a.renderLogin(w, r, http.StatusForbidden, loginView{
		Email: r.PostFormValue("email"), Next: safeNext(r.PostFormValue("next")),
		Error: "This sign-in form had expired or came from another site. Please sign in again.",
	})
}

func (a *Admin) login(w http.ResponseWriter, r *http.Request) {
	view := loginView{Email: strings.TrimSpace(r.PostFormValue("email")), Next: safeNext(r.PostFormValue("next"))}
	if len(view.Email) > maxEmail {
		// Longer is no address; cut it so it cannot bloat keys and logs.
		view.Email = view.Email[:maxEmail]
	}
	pw := r.PostFormValue("password")
	ip := a.cfg.Proxies.ClientIP(r)
	acct, addr := a.limits.keys(view.Email, ip)
	wait, err := a.limits.wait(r.Context(), acct, addr)
	if err != nil {
		a.serverError(w, r, "sign-in limits", err)
		return
	}
	if wait > 0 {
		a.log.Warn("admin: sign-in refused, too many failures", "email", view.Email, "ip", ip.String())
		setRetryAfter(w, wait)
		view.Error = "Too many failed sign-ins. Wait " + humanWait(wait) + " and try again."
		a.renderLogin(w, r, http.StatusTooManyRequests, view)
		return
	}
	u, err := a.authenticate(r.Context(), view.Email, pw)
	if err != nil {
		a.serverError(w, r, "sign in", err)
		return
	}
	if u == nil {
		if err := a.limits.fail(r.Context(), acct, addr); err != nil {
			a.log.Error("admin: count a failed sign-in", "err", err)
		}
		a.log.Info("admin: sign-in failed", "email", view.Email, "ip", ip.String())
		view.Error = "That email address and password do not match an account."
		a.renderLogin(w, r, http.StatusUnauthorized, view)
		return
	}
	if err := a.limits.succeed(r.Context(), acct); err != nil {
		a.log.Warn("admin: reset the account's sign-in limit", "err", err)
	}
	if err := a.startSession(w, r, u); err != nil {
		a.serverError(w, r, "start session", err)
		return
	}
	if _, err := a.st.DeleteExpiredSessions(r.Context()); err != nil {
		a.log.Warn("admin: remove expired sessions", "err", err)
	}
	a.log.Info("admin: signed in", "user", u.ID, "ip", ip.String())
	http.Redirect(w, r, view.Next, http.StatusSeeOther)
}

// authenticate returns the account that email and pw open, or nil. It
// takes about as long whether or not the account exists: an unknown
// address is checked against a dummy hash, so timing tells nothing.
func (a *Admin) authenticate(ctx context.Context, email, pw string) (*store.User, error) {
	if email == "" || pw == "" || len(pw) > maxPassword {
		return nil, nil
	}
	u, err := a.st.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		password.Verify(a.dummyHash(), pw)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ok, err := password.Verify(u.PasswordHash, pw)
	if err != nil {
		a.log.Error("admin: stored password hash unreadable", "user", u.ID, "err", err)
		return nil, nil
	}
	if !ok || u.Disabled {
		return nil, nil
	}
	return u, nil
}

// dummyHash is made once, with the costs real hashes have.
func (a *Admin) dummyHash() string {
	a.dummyOnce.Do(func() {
		h, err := password.Hash("no account has this password", a.cfg.Password)
		if err != nil {
			h, _ = password.Hash("no account has this password", password.Default())
		}
		a.dummy = h
	})
	return a.dummy
}

func (a *Admin) logout(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r)
	if err := a.st.DeleteSession(r.Context(), v.sessionID); err != nil {
		a.serverError(w, r, "end session", err)
		return
	}
	a.clearSessionCookie(w, r)
	a.log.Info("admin: signed out", "user", v.user.ID)
	http.Redirect(w, r, "/admin/login?signed-out=1", http.StatusSeeOther)
}

// safeNext keeps a return address only if it is a back-office page of
// this site, so the sign-in form cannot be used to send people elsewhere.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(next, "/admin/") || strings.ContainsAny(next, "\\\r\n\t") ||
		u.Path == "/admin/login" || u.Path == "/admin/logout" {
		return "/admin/"
	}
	return next
}
