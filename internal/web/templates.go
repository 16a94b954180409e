package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"time"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// templateSets names each page kind and the files it is parsed from. Pages
// share layout.tmpl and each defines "content"; a page is run as "layout".
func templateSets() map[string][]string {
	return map[string][]string{
		"article":      {"layout.tmpl", "article.tmpl", "comments.tmpl", "commentform.tmpl"},
		"commenterror": {"layout.tmpl", "commenterror.tmpl", "commentform.tmpl"},
		"list":         {"layout.tmpl", "list.tmpl"},
		"privacy":      {"layout.tmpl", "privacy.tmpl"},
		"status":       {"layout.tmpl", "status.tmpl"},
		"feed":         {"feedcontent.tmpl"}, // HTML carried inside feed entries
	}
}

// templates holds one parsed set per page kind.
type templates struct {
	sets map[string]*template.Template
}

// parseTemplates parses every set and checks that no file is left unused,
// so a template added but never wired fails at start-up, not in production.
func parseTemplates(funcs template.FuncMap) (*templates, error) {
	t := &templates{sets: map[string]*template.Template{}}
	used := map[string]bool{}
	for name, files := range templateSets() {
		patterns := make([]string, len(files))
		for i, f := range files {
			patterns[i] = "templates/" + f
			used[f] = true
		}
		set, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, patterns...)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s templates: %w", name, err)
		}
		root := "layout"
		if name == "feed" {
			root = "feed-content"
		}
		if set.Lookup(root) == nil || (root == "layout" && set.Lookup("content") == nil) {
			return nil, fmt.Errorf("web: %s templates define no %q or no \"content\"", name, root)
		}
		t.sets[name] = set.Lookup(root)
	}
	all, err := fs.Glob(templateFiles, "templates/*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		if !used[f[len("templates/"):]] {
			return nil, fmt.Errorf("web: template %s belongs to no page", f)
		}
	}
	return t, nil
}

// render runs a page kind's template into a fresh byte slice.
func (t *templates) render(kind string, data any) ([]byte, error) {
	set, ok := t.sets[kind]
	if !ok {
		return nil, fmt.Errorf("web: no %q template", kind)
	}
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	if err := set.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", kind, err)
	}
	return buf.Bytes(), nil
}

// funcs are the few helpers templates need; they format, nothing more.
func (s *Server) funcs() template.FuncMap {
	loc := s.cfg.Location
	return template.FuncMap{
		"date": func(t time.Time) string { return t.In(loc).Format("2 January 2006") },
		"datetime": func(t time.Time) string {
			return t.In(loc).Format("2 January 2006, 15:04 MST")
		},
		"iso": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	}
}
