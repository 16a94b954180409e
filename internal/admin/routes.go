package admin

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"masthead/internal/httpx"
)

// Route is one entry of the route table: a method-and-path pattern of
// net/http's ServeMux and the least role that may use it.
type Route struct {
	Pattern string // "POST /admin/users/{id}/disable"
	Method  string
	Path    string
	Role    Role
}

// Handle adds a route. pattern is a ServeMux pattern with a method and a
// path under /admin/ ("GET /admin/comments", "POST /admin/comments/{id}");
// min is the least role that may use it. The guard runs first: no valid
// session sends GET to the sign-in page and refuses other methods with
// 403; a lower role gets 403; a state-changing method without this
// session's CSRF token, or from another site, gets 403. Handle panics on a
// malformed or duplicate pattern, as ServeMux does; call it before serving.
func (a *Admin) Handle(pattern string, min Role, h http.Handler) {
	a.handle(pattern, min, h, nil)
}

// HandleFunc is Handle for a function.
func (a *Admin) HandleFunc(pattern string, min Role, h func(http.ResponseWriter, *http.Request)) {
	a.handle(pattern, min, http.HandlerFunc(h), nil)
}

// Routes is the route table, in the order routes were added.
func (a *Admin) Routes() []Route {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return slices.Clone(a.routes)
}

// handle adds a route; refused, if set, answers a failed CSRF check
// instead of the plain 403 page.
func (a *Admin) handle(pattern string, min Role, h http.Handler, refused http.HandlerFunc) {
	method, path, ok := strings.Cut(pattern, " ")
	path = strings.TrimSpace(path)
	if !ok || method == "" || strings.ToUpper(method) != method || !strings.HasPrefix(path, "/admin/") {
		panic(fmt.Sprintf("admin: route %q: want \"METHOD /admin/…\"", pattern))
	}
	if min < RolePublic || min > RoleAdmin {
		panic(fmt.Sprintf("admin: route %q: unknown role %d", pattern, min))
	}
	rt := Route{Pattern: pattern, Method: method, Path: path, Role: min}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.mux.Handle(pattern, a.guard(rt, h, refused))
	a.routes = append(a.routes, rt)
	if method == http.MethodGet {
		a.gets[path] = min
	}
}

// guard enforces what a route declares, before its handler runs.
func (a *Admin) guard(rt Route, h http.Handler, refused http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		safe := httpx.SafeMethod(r.Method)
		if !safe {
			limitBody(w, r)
		}
		if rt.Role == RolePublic {
			if !safe && !a.publicFormOK(r) {
				a.refuseCSRF(w, r, refused)
				return
			}
			h.ServeHTTP(w, r)
			return
		}
		v, stale, err := a.session(w, r)
		if err != nil {
			a.serverError(w, r, "load session", err)
			return
		}
		if v == nil {
			if safe {
				a.toLogin(w, r, stale)
				return
			}
			a.Error(w, r, http.StatusForbidden, "You are not signed in, or your session has ended. Sign in and try again.")
			return
		}
		r = withViewer(r, v)
		if !v.user.Role.Allows(rt.Role) {
			a.Error(w, r, http.StatusForbidden, fmt.Sprintf("This page is for %s and above; you are signed in as %s.",
				strings.ToLower(rt.Role.Label())+"s", strings.ToLower(v.user.Role.Label())))
			return
		}
		if !safe && !a.sessionFormOK(r, v) {
			a.refuseCSRF(w, r, refused)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// sessionFormOK checks a state-changing request against the session's
// token, sent as the form field "csrf" or the X-CSRF-Token header.
func (a *Admin) sessionFormOK(r *http.Request, v *viewer) bool {
	token := r.Header.Get("X-CSRF-Token")
	if token == "" {
		token = r.PostFormValue("csrf")
	}
	return httpx.SameOrigin(r, a.origins...) && httpx.TokenMatch(token, v.csrf)
}

// publicFormOK checks a form posted without a session (sign-in) against
// its signed double-submit token.
func (a *Admin) publicFormOK(r *http.Request) bool {
	return httpx.SameOrigin(r, a.origins...) && a.loginTokens.Valid(r, r.PostFormValue("csrf"))
}

func (a *Admin) refuseCSRF(w http.ResponseWriter, r *http.Request, refused http.HandlerFunc) {
	a.log.Warn("admin: CSRF check failed", "method", r.Method, "path", r.URL.Path,
		"ip", a.cfg.Proxies.ClientIP(r).String(), "origin", r.Header.Get("Origin"))
	if refused != nil {
		refused(w, r)
		return
	}
	a.Error(w, r, http.StatusForbidden,
		"This form had expired or came from another site, so nothing was changed. Go back, reload the page and try again.")
}

// limitBody caps what a state-changing request may send: forms are
// small; uploads (multipart) may be larger.
func limitBody(w http.ResponseWriter, r *http.Request) {
	limit := int64(1 << 20)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		limit = 64 << 20
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
}
