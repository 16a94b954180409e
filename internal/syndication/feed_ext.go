package syndication

import (
	"strings"

	ext "github.com/mmcdole/gofeed/extensions"

	"masthead/internal/article"
)

// gofeed files foreign elements under the namespace's usual prefix, whatever
// the feed calls it: creativeCommons, cc, dc, dcterms, atom, media.

// extValues returns the text of every prefix:name element.
func extValues(exts ext.Extensions, prefix, name string) []string {
	var out []string
	for _, e := range exts[prefix][name] {
		if v := strings.TrimSpace(e.Value); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// extLicenceURLs returns the licence links declared with the Creative
// Commons RSS module (<creativeCommons:license>URL</…>), the cc vocabulary
// (<cc:license rdf:resource="URL"/>), Dublin Core terms, or an Atom link
// with rel="license" inside RSS.
func extLicenceURLs(exts ext.Extensions) []string {
	var out []string
	out = append(out, extValues(exts, "creativeCommons", "license")...)
	for _, key := range [][2]string{{"cc", "license"}, {"dcterms", "license"}} {
		for _, e := range exts[key[0]][key[1]] {
			if v := strings.TrimSpace(e.Value); v != "" {
				out = append(out, v)
			} else if r := e.Attrs["resource"]; r != "" {
				out = append(out, r)
			}
		}
	}
	for _, e := range exts["atom"]["link"] {
		if isLicenceRel(e.Attrs["rel"]) && e.Attrs["href"] != "" {
			out = append(out, e.Attrs["href"])
		}
	}
	return out
}

// extRights returns a Dublin Core rights statement, if any.
func extRights(exts ext.Extensions) string {
	for _, key := range [][2]string{{"dc", "rights"}, {"dcterms", "rights"}} {
		if v := extValues(exts, key[0], key[1]); len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// isLicenceRel reports whether a link relation names the licence, in its
// short form or as the IANA registry IRI.
func isLicenceRel(rel string) bool {
	rel = strings.ToLower(strings.TrimSpace(rel))
	return rel == "license" || strings.HasSuffix(rel, "/relation/license")
}

// extImage returns the first image given with Media RSS (media:content,
// possibly inside media:group, then media:thumbnail), with its description
// as caption and its credit. The URL is empty if there is none.
func extImage(exts ext.Extensions) article.Image {
	contents := exts["media"]["content"]
	for _, g := range exts["media"]["group"] {
		contents = append(contents, g.Children["content"]...)
	}
	for _, c := range contents {
		if c.Attrs["url"] == "" || !(c.Attrs["medium"] == "image" || strings.HasPrefix(c.Attrs["type"], "image/")) {
			continue
		}
		img := article.Image{URL: c.Attrs["url"]}
		if d := c.Children["description"]; len(d) > 0 {
			img.Caption = htmlText(d[0].Value)
		}
		if cr := c.Children["credit"]; len(cr) > 0 {
			img.Credit = strings.TrimSpace(cr[0].Value)
		}
		return img
	}
	for _, t := range exts["media"]["thumbnail"] {
		if t.Attrs["url"] != "" {
			return article.Image{URL: t.Attrs["url"]}
		}
	}
	return article.Image{}
}
