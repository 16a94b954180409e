package settings

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"masthead/internal/admin"
	"masthead/internal/comment"
)

// view is the settings page.
type view struct {
	Groups []groupView
	Saved  bool
	Failed int // fields with an error
	CSS    string
}

type groupView struct {
	Title  string
	Fields []field
}

// current is every setting's value now: the discussion settings from the
// comment service, the site's from the store or the operator's flags.
func (h *handler) current(r *http.Request) ([]comment.SettingValue, error) {
	ctx := r.Context()
	vals, err := h.deps.Comments.SettingValues(ctx)
	if err != nil {
		return nil, err
	}
	stored, err := h.deps.Store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	var out []comment.SettingValue
	for _, k := range siteKeys(h.deps.SiteName, h.deps.SiteURL) {
		v, ok := stored[k.name]
		if !ok {
			v = k.fallback
		}
		out = append(out, comment.SettingValue{Key: comment.Key{Name: k.name, Description: k.description, Default: k.fallback}, Value: v})
	}
	return append(out, vals...), nil
}

func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	vals, err := h.current(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, vals, nil, nil, r.URL.Query().Get("saved") == "1")
}

// render lays the settings out in their groups; typed and errs, when set,
// show what the administrator sent and what was wrong with it.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, vals []comment.SettingValue,
	typed, errs map[string]string, saved bool) {
	v := view{Saved: saved, Failed: len(errs), CSS: h.assets.URL("settings.css")}
	vals = slices.Clone(vals)
	place := order()
	slices.SortStableFunc(vals, func(a, b comment.SettingValue) int { return place(a.Name) - place(b.Name) })
	byGroup := map[string][]field{}
	for _, sv := range vals {
		value, ok := typed[sv.Name]
		if !ok {
			value = sv.Value
		}
		g := specOf(sv.Key).group
		byGroup[g] = append(byGroup[g], newField(sv.Key, value, errs[sv.Name]))
	}
	for _, g := range groups() {
		if fs := byGroup[g]; len(fs) > 0 {
			v.Groups = append(v.Groups, groupView{Title: g, Fields: fs})
		}
	}
	h.adm.RenderStatus(w, r, status, h.page, "Settings", v)
}

// save checks every field first and stores nothing unless all are good,
// so a page with one mistake never half-applies.
func (h *handler) save(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	vals, err := h.current(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	checks := map[string]func(string) (string, string){}
	for _, k := range siteKeys(h.deps.SiteName, h.deps.SiteURL) {
		checks[k.name] = k.check
	}
	typed, errs := map[string]string{}, map[string]string{}
	type change struct{ key, value string }
	var site, discussion []change
	for _, sv := range vals {
		v, sent := r.PostForm.Get(sv.Name), len(r.PostForm[sv.Name]) > 0
		switch {
		case specOf(sv.Key).kind == kindBool:
			// An unticked box sends nothing at all.
			v = map[bool]string{true: "1", false: "0"}[sent && v != "" && v != "0"]
		case !sent:
			continue // not on the form that was sent: leave it alone
		}
		typed[sv.Name] = v
		if check, ok := checks[sv.Name]; ok {
			if strings.TrimSpace(v) == "" && sv.Value == "" {
				continue // nothing stored and no flag: still nothing
			}
			canon, msg := check(v)
			if msg != "" {
				errs[sv.Name] = msg
			} else if canon != sv.Value {
				site = append(site, change{sv.Name, canon})
			}
			continue
		}
		s := comment.DefaultSettings()
		if err := s.Set(sv.Name, v); err != nil {
			errs[sv.Name] = problem(err)
			continue
		}
		if canon, _ := s.Get(sv.Name); canon != sv.Value {
			discussion = append(discussion, change{sv.Name, canon})
		}
	}
	if len(errs) > 0 {
		h.render(w, r, http.StatusUnprocessableEntity, vals, typed, errs, false)
		return
	}
	u, _ := admin.CurrentUser(r)
	for _, c := range discussion {
		// Through the service: it stores the canonical form and drops its
		// cache, so the public pages follow within a second.
		if err := h.deps.Comments.SetSetting(r.Context(), c.key, c.value); err != nil {
			h.fail(w, r, err)
			return
		}
		h.log.Info("settings: changed", "key", c.key, "by", u.ID)
	}
	for _, c := range site {
		if err := h.deps.Store.SetSetting(r.Context(), c.key, c.value); err != nil {
			h.fail(w, r, err)
			return
		}
		h.log.Info("settings: changed", "key", c.key, "by", u.ID)
	}
	http.Redirect(w, r, "/admin/settings?saved=1", http.StatusSeeOther)
}

// problem words a refusal from comment.Settings.Set for the form: its
// innermost reason, the field already being named on the page.
func problem(err error) string {
	for inner := errors.Unwrap(err); inner != nil; inner = errors.Unwrap(err) {
		err = inner
	}
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "want "); ok {
		return "Enter " + rest + "."
	}
	return fmt.Sprintf("This value is not accepted: %s.", msg)
}

func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.log.Error("settings: load or save", "path", r.URL.Path, "err", err)
	h.adm.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}
