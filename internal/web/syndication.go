package web

import (
	"context"
	"errors"
	"html/template"

	"masthead/internal/article"
	"masthead/internal/store"
)

// applySyndication puts a polled source's own credit lines and canonical
// policy on an article page; stories imported by hand keep the defaults
// that articleView built from the story alone.
func (s *Server) applySyndication(ctx context.Context, v *articleView, a *article.Article) error {
	if !a.Source.Imported() {
		return nil
	}
	syn, err := s.st.ArticleSyndication(ctx, a.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	// The credits were rendered from the source's templates at import,
	// every text part escaped and every link checked.
	if syn.CreditTop != "" {
		v.CreditTop, v.FirstAppeared = template.HTML(syn.CreditTop), ""
	}
	if syn.CreditEnd != "" {
		v.CreditEnd, v.Republished = template.HTML(syn.CreditEnd), nil
	}
	switch syn.Canonical {
	case store.CanonicalNoindex:
		v.Canonical, v.NoIndex = s.abs(a.Path()), true
	case store.CanonicalSelf:
		v.Canonical = s.abs(a.Path())
	}
	return nil
}
