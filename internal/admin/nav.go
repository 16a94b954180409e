package admin

import (
	"net/http"
	"strings"
)

// NavItem is one link of the layout's navigation.
type NavItem struct {
	Label   string
	Path    string
	Help    string // one line for the dashboard
	Current bool
}

// sections is the navigation, in order. A section shows once a GET route
// at its path is registered, to users whose role that route allows; so a
// screen joins the nav by registering its page, nothing more.
func sections() []NavItem {
	return []NavItem{
		{Label: "Comments", Path: "/admin/comments", Help: "Approve, mark as spam or trash what readers wrote."},
		{Label: "Sources", Path: "/admin/sources", Help: "The feeds stories come from, and their licences."},
		{Label: "Inbox", Path: "/admin/inbox", Help: "New stories from sources, waiting for a decision."},
		{Label: "Articles", Path: "/admin/articles", Help: "Everything published, and the site's own stories."},
		{Label: "Settings", Path: "/admin/settings", Help: "Discussion rules, the spam filter, the site."},
		{Label: "Users", Path: "/admin/users", Help: "Who may sign in here, and with which role."},
		{Label: "API keys", Path: "/admin/api-keys", Help: "Keys for sites that use the spam filter's API."},
		{Label: "Privacy", Path: "/admin/privacy", Help: "Export or erase what is stored about a commenter."},
	}
}

func (a *Admin) nav(r *http.Request, role Role) []NavItem {
	a.mu.RLock()
	defer a.mu.RUnlock()
	var out []NavItem
	for _, s := range sections() {
		min, ok := a.gets[s.Path]
		if !ok || !role.Allows(min) {
			continue
		}
		s.Current = r.URL.Path == s.Path || strings.HasPrefix(r.URL.Path, s.Path+"/")
		out = append(out, s)
	}
	return out
}

// waiting counts pending comments for the layout, when a counter is wired.
// A failure only hides the slot: it must not break every page.
func (a *Admin) waiting(r *http.Request, role Role) *Waiting {
	if a.cfg.Pending == nil {
		return nil
	}
	n, err := a.cfg.Pending.PendingCount(r.Context())
	if err != nil {
		a.log.Warn("admin: count pending comments", "err", err)
		return nil
	}
	w := &Waiting{Count: n}
	a.mu.RLock()
	if min, ok := a.gets["/admin/comments"]; ok && role.Allows(min) {
		w.Path = "/admin/comments"
	}
	a.mu.RUnlock()
	return w
}
