package admin

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"time"
)

//go:embed templates static
var files embed.FS

// Page is one screen's templates: the shared layout plus the screen's
// own files, which must define "content". Make one with ParsePage at
// start-up, so a broken template stops the server from starting.
type Page struct {
	t *template.Template
}

// View is what the layout and every page's "content" receive: the page's
// own data is .Data; .CSRF is for forms ({{template "csrf" .}} writes the
// hidden field).
type View struct {
	Title    string
	SiteName string
	User     *User // nil on the sign-in page
	CSRF     string
	Nav      []NavItem
	Waiting  *Waiting // nil: no counter wired, or not signed in
	Data     any
}

// Waiting fills the layout's slot for comments awaiting moderation.
type Waiting struct {
	Count int
	Path  string // the moderation screen, when one is registered
}

// ParsePage parses the files that patterns name in fsys (e.g. a package's
// own embed.FS) on top of the layout. The templates get the layout's
// functions: asset "name.css" (a static file's URL), when (a time as
// "2 Jan 2006 15:04 UTC"), roleLabel (a stored role as a word) and fieldOf (for the "field" template: a
// labelled input with its error message).
func (a *Admin) ParsePage(fsys fs.FS, patterns ...string) (*Page, error) {
	t, err := a.layout.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.ParseFS(fsys, patterns...); err != nil {
		return nil, fmt.Errorf("admin: parse page %v: %w", patterns, err)
	}
	if t.Lookup("content") == nil {
		return nil, fmt.Errorf("admin: page %v defines no \"content\" template", patterns)
	}
	return &Page{t: t}, nil
}

// ParsePages parses pages of one file each: every file's page is stored
// where its pointer points.
func (a *Admin) ParsePages(fsys fs.FS, pages map[string]**Page) error {
	for file, dst := range pages {
		p, err := a.ParsePage(fsys, file)
		if err != nil {
			return err
		}
		*dst = p
	}
	return nil
}

// Render writes page p in the layout with status 200.
func (a *Admin) Render(w http.ResponseWriter, r *http.Request, p *Page, title string, data any) {
	a.RenderStatus(w, r, http.StatusOK, p, title, data)
}

// RenderStatus writes page p in the layout. The page is rendered into a
// buffer first, so a template error becomes a clean 500, not half a page.
func (a *Admin) RenderStatus(w http.ResponseWriter, r *http.Request, status int, p *Page, title string, data any) {
	view := View{Title: title, SiteName: a.cfg.SiteName, Data: data}
	if v := viewerOf(r); v != nil {
		u := v.user
		view.User, view.CSRF = &u, v.csrf
		view.Nav = a.nav(r, u.Role)
		view.Waiting = a.waiting(r, u.Role)
	}
	var buf bytes.Buffer
	if err := p.t.ExecuteTemplate(&buf, "layout", view); err != nil {
		a.log.Error("admin: render page", "title", title, "err", err)
		http.Error(w, "The page could not be shown; the error has been logged.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// Error writes an error page with a message meant for the user.
func (a *Admin) Error(w http.ResponseWriter, r *http.Request, status int, message string) {
	a.RenderStatus(w, r, status, a.pages.errorPage, http.StatusText(status), message)
}

// serverError logs what went wrong and tells the user only that it did.
func (a *Admin) serverError(w http.ResponseWriter, r *http.Request, what string, err error) {
	a.log.Error("admin: "+what, "path", r.URL.Path, "err", err)
	a.Error(w, r, http.StatusInternalServerError, "Something went wrong on our side; it has been logged. Please try again.")
}

func (a *Admin) notFound(w http.ResponseWriter, r *http.Request) {
	if v, _, err := a.session(w, r); err == nil && v != nil {
		r = withViewer(r, v)
	}
	a.Error(w, r, http.StatusNotFound, "There is no page at this address.")
}

func (a *Admin) loadTemplates() error {
	var err error
	if a.assets, err = assetURLs(files, "/admin/static/"); err != nil {
		return err
	}
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			if u, ok := a.assets[name]; ok {
				return u, nil
			}
			return "", fmt.Errorf("no static file %q", name)
		},
		"fieldOf": fieldOf,
		"roleLabel": func(name string) string {
			if r, err := ParseRole(name); err == nil {
				return r.Label()
			}
			return name
		},
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.UTC().Format("2 Jan 2006 15:04 UTC")
		},
	}
	a.layout, err = template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html")
	if err != nil {
		return fmt.Errorf("admin: layout: %w", err)
	}
	return a.ParsePages(files, map[string]**Page{
		"templates/login.html":     &a.pages.login,
		"templates/dashboard.html": &a.pages.dashboard,
		"templates/users.html":     &a.pages.users,
		"templates/error.html":     &a.pages.errorPage,
	})
}

// formField is one labelled input for the layout's "field" template.
type formField struct {
	ID, Label, Type, Autocomplete, Value, Error string
}

// fieldOf builds a formField; errs maps field ids to messages.
func fieldOf(id, label, typ, autocomplete, value string, errs map[string]string) formField {
	return formField{ID: id, Label: label, Type: typ, Autocomplete: autocomplete, Value: value, Error: errs[id]}
}

// static serves the embedded CSS and JavaScript. URLs carry a content
// hash, so a browser may keep a file as long as it likes.
func (a *Admin) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if _, ok := a.assets[name]; !ok {
		a.notFound(w, r)
		return
	}
	if r.URL.Query().Get("v") != "" {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	http.ServeFileFS(w, r, files, "static/"+name)
}
