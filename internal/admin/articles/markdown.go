package articles

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"masthead/internal/sanitize"
)

// markdown turns an editor's Markdown into an article body. Raw HTML is
// let through goldmark, so an editor can write a <figure> or an embed,
// because the article policy is the one gate every body passes anyway.
type markdown struct {
	md  goldmark.Markdown
	pol *sanitize.Policies
}

func newMarkdown(pol *sanitize.Policies) *markdown {
	return &markdown{
		md: goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
			goldmark.WithRendererOptions(html.WithUnsafe()),
		),
		pol: pol,
	}
}

// render returns the sanitized HTML of src.
func (m *markdown) render(src string) (string, error) {
	var buf bytes.Buffer
	if err := m.md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return m.pol.Article(buf.String()), nil
}
