package admin

import (
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/store"
)

// usersView is the users page: accounts, who is signed in, and the form.
type usersView struct {
	Users    []store.User
	Sessions []sessionRow
	Roles    []Role
	Form     Account
	Errors   AccountErrors
	Added    string // the name of the account just added
	Me       int64
}

type sessionRow struct {
	store.Session
	UserName string
	Current  bool // this browser
}

func (a *Admin) usersPage(w http.ResponseWriter, r *http.Request) {
	view := usersView{Form: Account{Role: RoleModerator.String()}}
	if id, err := strconv.ParseInt(r.URL.Query().Get("added"), 10, 64); err == nil {
		if u, err := a.st.UserByID(r.Context(), id); err == nil {
			view.Added = u.Name
		}
	}
	a.renderUsers(w, r, http.StatusOK, view)
}

func (a *Admin) renderUsers(w http.ResponseWriter, r *http.Request, status int, view usersView) {
	ctx := r.Context()
	users, err := a.st.Users(ctx)
	if err != nil {
		a.serverError(w, r, "list users", err)
		return
	}
	sessions, err := a.st.ActiveSessions(ctx)
	if err != nil {
		a.serverError(w, r, "list sessions", err)
		return
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	v := viewerOf(r)
	view.Users, view.Roles, view.Me = users, Roles(), v.user.ID
	for _, s := range sessions {
		view.Sessions = append(view.Sessions, sessionRow{Session: s, UserName: names[s.UserID], Current: s.ID == v.sessionID})
	}
	a.RenderStatus(w, r, status, a.pages.users, "Users", view)
}

func (a *Admin) addUser(w http.ResponseWriter, r *http.Request) {
	acc := Account{
		Email: r.PostFormValue("email"), Name: r.PostFormValue("name"),
		Role: r.PostFormValue("role"), Password: r.PostFormValue("password"),
	}
	u, err := CreateUser(r.Context(), a.st, acc, a.cfg.Password)
	var errs AccountErrors
	switch {
	case errors.As(err, &errs):
		acc.Password = "" // never sent back into the page
		a.renderUsers(w, r, http.StatusUnprocessableEntity, usersView{Form: acc, Errors: errs})
		return
	case err != nil:
		a.serverError(w, r, "add user", err)
		return
	}
	a.log.Info("admin: user added", "user", u.ID, "role", u.Role, "by", viewerOf(r).user.ID)
	http.Redirect(w, r, "/admin/users?added="+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

func (a *Admin) disableUser(w http.ResponseWriter, r *http.Request) { a.setDisabled(w, r, true) }
func (a *Admin) enableUser(w http.ResponseWriter, r *http.Request)  { a.setDisabled(w, r, false) }

func (a *Admin) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.Error(w, r, http.StatusNotFound, "There is no such user.")
		return
	}
	if disabled && id == viewerOf(r).user.ID {
		a.Error(w, r, http.StatusConflict, "You cannot disable your own account; ask another administrator.")
		return
	}
	switch err := a.st.SetUserDisabled(r.Context(), id, disabled); {
	case errors.Is(err, store.ErrNotFound):
		a.Error(w, r, http.StatusNotFound, "There is no such user.")
		return
	case err != nil:
		a.serverError(w, r, "disable user", err)
		return
	}
	a.log.Info("admin: user access changed", "user", id, "disabled", disabled, "by", viewerOf(r).user.ID)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// endSession signs one browser out, e.g. a lost laptop's.
func (a *Admin) endSession(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := a.st.DeleteSession(r.Context(), id); err != nil {
		a.serverError(w, r, "end session", err)
		return
	}
	a.log.Info("admin: session ended", "by", viewerOf(r).user.ID)
	if id == viewerOf(r).sessionID {
		a.clearSessionCookie(w, r)
		http.Redirect(w, r, "/admin/login?signed-out=1", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
