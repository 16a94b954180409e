package admin

import "net/http"

func (a *Admin) dashboard(w http.ResponseWriter, r *http.Request) {
	a.Render(w, r, a.pages.dashboard, "Dashboard", nil)
}
