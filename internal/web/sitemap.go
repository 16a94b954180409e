package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"time"
)

// sitemapLimit is the protocol's cap on URLs in one sitemap file.
const sitemapLimit = 50000

type (
	urlset struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapURL `xml:"url"`
	}
	sitemapURL struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
)

// handleSitemap lists the front page, every published story (newest
// first), and the tag and author pages, within the protocol's cap.
func (s *Server) handleSitemap(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, r.URL.Path, func(ctx context.Context) (*entry, error) {
		id := s.identity(ctx)
		paths, err := s.st.PublishedPaths(ctx, sitemapLimit-1)
		if err != nil {
			return nil, err
		}
		set := urlset{URLs: make([]sitemapURL, 0, len(paths)+1)}
		home := sitemapURL{Loc: id.abs("/")}
		if len(paths) > 0 {
			home.LastMod = paths[0].Updated.UTC().Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, home)
		for _, p := range paths {
			set.URLs = append(set.URLs, sitemapURL{Loc: id.abs(p.Path), LastMod: p.Updated.UTC().Format(time.RFC3339)})
		}
		tags, err := s.st.Tags(ctx)
		if err != nil {
			return nil, err
		}
		authors, err := s.st.Authors(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range tags {
			set.URLs = append(set.URLs, sitemapURL{Loc: id.abs("/tag/" + t.Slug + "/")})
		}
		for _, a := range authors {
			set.URLs = append(set.URLs, sitemapURL{Loc: id.abs("/author/" + a.Slug + "/")})
		}
		if len(set.URLs) > sitemapLimit {
			set.URLs = set.URLs[:sitemapLimit]
		}
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		if err := xml.NewEncoder(&buf).Encode(set); err != nil {
			return nil, err
		}
		return newEntry(buf.Bytes(), "application/xml; charset=utf-8", s.pageCacheControl), nil
	})
}

// handleRobots lets crawlers in, except where nothing public lives, and
// points them at the sitemap.
func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, r.URL.Path, func(ctx context.Context) (*entry, error) {
		body := "User-agent: *\nDisallow: /admin/\nDisallow: /comments/\nAllow: /\n\nSitemap: " + s.identity(ctx).abs("/sitemap.xml") + "\n"
		return newEntry([]byte(body), "text/plain; charset=utf-8", s.pageCacheControl), nil
	})
}
