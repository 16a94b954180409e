// Package admin is everything under /admin: sign-in, sessions, roles, and
// the layout that every back-office screen renders into. The package
// boundary is also the auth boundary: each route declares the least role
// it needs, and one guard checks the session, that role, and CSRF on
// every state-changing request before any handler runs.
//
// # Adding a screen
//
// Build the screen's templates on the layout once, at start-up, and
// register its routes with the least role each needs:
//
//	//go:embed templates
//	var tmpl embed.FS
//
//	func Register(adm *admin.Admin, svc *comment.Service) error {
//		list, err := adm.ParsePage(tmpl, "templates/comments.html")
//		if err != nil {
//			return err
//		}
//		adm.HandleFunc("GET /admin/comments", admin.RoleModerator, func(w http.ResponseWriter, r *http.Request) {
//			adm.Render(w, r, list, "Comments", data)
//		})
//		adm.HandleFunc("POST /admin/comments/{id}/approve", admin.RoleModerator, approve)
//		return nil
//	}
//
// A page's file defines "content"; it sees a View: .Data is what the
// handler passed, .User the signed-in user, .CSRF the token. Every form
// that changes something carries {{template "csrf" .}} (inside range,
// {{template "csrf" $}}); scripts send the token, also in the page's
// <meta name="csrf-token">, as the X-CSRF-Token header. A handler gets
// the user with CurrentUser(r), answers errors with adm.Error, and
// redirects with 303 after a successful POST.
//
// A GET route at a navigation path (/admin/comments, /admin/sources,
// /admin/inbox, /admin/articles, /admin/settings, /admin/api-keys) puts
// its section in the navigation for the roles it allows.
package admin
