package admin

import (
	"context"
	"net/http"
)

// User is the signed-in user as handlers see it.
type User struct {
	ID    int64
	Email string
	Name  string
	Role  Role
}

// viewer is who is asking: set on the request by the route guard.
type viewer struct {
	user      User
	csrf      string
	sessionID string
}

type viewerKey struct{}

func withViewer(r *http.Request, v *viewer) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), viewerKey{}, v))
}

func viewerOf(r *http.Request) *viewer {
	v, _ := r.Context().Value(viewerKey{}).(*viewer)
	return v
}

// CurrentUser is the signed-in user of a request that passed the route
// guard; false on public routes.
func CurrentUser(r *http.Request) (User, bool) {
	if v := viewerOf(r); v != nil {
		return v.user, true
	}
	return User{}, false
}

// CSRFToken is the token a form or fetch in this request's page must send
// back: as the form field "csrf" or the header X-CSRF-Token. Pages
// rendered with Render get it as .CSRF and {{template "csrf" .}}.
func CSRFToken(r *http.Request) string {
	if v := viewerOf(r); v != nil {
		return v.csrf
	}
	return ""
}
