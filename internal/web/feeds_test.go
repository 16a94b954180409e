package web

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// wellFormed reports whether b is one well-formed XML document.
func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

type rssParsed struct {
	Channel struct {
		Title     string `xml:"title"`
		Copyright string `xml:"copyright"`
		Self      struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Items []struct {
			Title      string   `xml:"title"`
			Link       string   `xml:"link"`
			GUID       string   `xml:"guid"`
			PubDate    string   `xml:"pubDate"`
			Creators   []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories []string `xml:"category"`
			Content    string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			License    string   `xml:"http://backend.userland.com/creativeCommonsRssModule license"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomParsed struct {
	ID      string `xml:"id"`
	Rights  string `xml:"rights"`
	Entries []struct {
		ID     string `xml:"id"`
		Title  string `xml:"title"`
		Rights string `xml:"rights"`
		Links  []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Authors []struct {
			Name string `xml:"name"`
			URI  string `xml:"uri"`
		} `xml:"author"`
		Categories []struct {
			Label string `xml:"label,attr"`
		} `xml:"category"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func TestFeeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())
		own := testBaseURL + a.Path()
		credit := `This article is republished from <a href="https://theconversation.com">The Conversation</a>`

		for _, p := range []string{"/feed/", "/tag/russia/feed/", "/author/greg-barton/feed/"} {
			res, body := do(t, s, "GET", p)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/rss+xml; charset=utf-8" || !wellFormed(body) {
				t.Fatalf("GET %s = %d %q", p, res.StatusCode, res.Header.Get("Content-Type"))
			}
			var f rssParsed
			if err := xml.Unmarshal(body, &f); err != nil {
				t.Fatal(err)
			}
			if len(f.Channel.Items) != 1 {
				t.Fatalf("%s has %d items", p, len(f.Channel.Items))
			}
			it := f.Channel.Items[0]
			if it.Title != refHeadline || it.Link != own || it.GUID != own || it.PubDate != "Sun, 24 Mar 2024 03:40:21 +0000" ||
				strings.Join(it.Creators, ";") != "Greg Barton" || strings.Join(it.Categories, ";") != "Islamic State;Russia;Terrorism" ||
				it.License != refLicenceURL {
				t.Errorf("%s item = %+v", p, it)
			}
			if !strings.Contains(it.Content, refCounter) || !strings.Contains(it.Content, credit) || !strings.Contains(it.Content, "<h2>What is ISIS-K?</h2>") {
				t.Errorf("%s item content lacks the body or the credit", p)
			}
			if f.Channel.Self.Href != testBaseURL+p || f.Channel.Copyright != testConfig().SiteLicence {
				t.Errorf("%s channel self %q copyright %q", p, f.Channel.Self.Href, f.Channel.Copyright)
			}
		}

		for _, p := range []string{"/feed/atom/", "/tag/russia/feed/atom/", "/author/greg-barton/feed/atom/"} {
			res, body := do(t, s, "GET", p)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" || !wellFormed(body) {
				t.Fatalf("GET %s = %d %q", p, res.StatusCode, res.Header.Get("Content-Type"))
			}
			var f atomParsed
			if err := xml.Unmarshal(body, &f); err != nil {
				t.Fatal(err)
			}
			if len(f.Entries) != 1 || f.ID != testBaseURL+p || f.Rights != testConfig().SiteLicence {
				t.Fatalf("%s: %d entries, id %q, rights %q", p, len(f.Entries), f.ID, f.Rights)
			}
			e := f.Entries[0]
			links := map[string]string{}
			for _, l := range e.Links {
				links[l.Rel] = l.Href
			}
			if e.ID != own || e.Title != refHeadline || links["alternate"] != own || links["license"] != refLicenceURL ||
				links["via"] != refOriginal || e.Rights != "CC BY-ND 4.0 ("+refLicenceURL+")" {
				t.Errorf("%s entry = %+v", p, e)
			}
			if len(e.Authors) != 1 || e.Authors[0].Name != "Greg Barton" || e.Authors[0].URI != refProfile || len(e.Categories) != 3 {
				t.Errorf("%s entry authors %+v categories %+v", p, e.Authors, e.Categories)
			}
			if e.Content.Type != "html" || !strings.Contains(e.Content.Body, refCounter) || !strings.Contains(e.Content.Body, credit) {
				t.Errorf("%s entry content lacks the body or the credit", p)
			}
		}
		for _, p := range []string{"/tag/nothing/feed/", "/author/nobody/feed/atom/"} {
			if res, _ := do(t, s, "GET", p); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
			}
		}
	})
}

func TestSitemapRobotsAndSmallPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := save(t, st, referenceArticle(t, ""))
		s := newServer(t, st, testConfig())

		res, body := do(t, s, "GET", "/sitemap.xml")
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"url"`
		}
		if res.StatusCode != http.StatusOK || xml.Unmarshal(body, &set) != nil {
			t.Fatalf("sitemap = %d", res.StatusCode)
		}
		found := false
		for _, u := range set.URLs {
			if u.Loc == testBaseURL+a.Path() {
				found = u.LastMod == "2024-03-24T04:12:09Z"
			}
		}
		if !found || set.URLs[0].Loc != testBaseURL+"/" {
			t.Errorf("sitemap lacks the story with its lastmod: %+v", set.URLs)
		}

		res, body = do(t, s, "GET", "/robots.txt")
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") ||
			!strings.Contains(string(body), "\nSitemap: "+testBaseURL+"/sitemap.xml\n") || !strings.Contains(string(body), "User-agent: *") {
			t.Errorf("robots.txt = %d %q", res.StatusCode, body)
		}

		doc := get(t, s, "/privacy/")
		if h := text(one(t, doc, "h1", tag("h1"))); !strings.Contains(h, "Privacy") {
			t.Errorf("privacy h1 = %q", h)
		}
		if page := text(doc); !strings.Contains(page, "email address") || !strings.Contains(page, "spam") {
			t.Error("privacy page does not say what is kept")
		}

		res, body = do(t, s, "GET", "/healthz")
		if res.StatusCode != http.StatusOK || string(body) != "ok" {
			t.Errorf("healthz = %d %q", res.StatusCode, body)
		}

		style := attr(one(t, doc, "stylesheet", tag("link", attrIs("rel", "stylesheet"))), "href")
		res, body = do(t, s, "GET", style)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") ||
			!strings.Contains(res.Header.Get("Cache-Control"), "max-age=31536000") || !bytes.Contains(body, []byte(".story-body")) {
			t.Errorf("GET %s = %d %q %q", style, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
		}
		if res, _ := do(t, s, "GET", "/static/style.css"); res.StatusCode != http.StatusOK {
			t.Errorf("plain stylesheet name = %d", res.StatusCode)
		}
	})
}
