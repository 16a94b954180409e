package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestSiteSettingsLive changes the site's name and address through a second
// store handle, as the back office of another instance would: with Watch
// running, every page, feed and sitemap must show the new values within a
// second, and an unset value must give the Config's back.
func TestSiteSettingsLive(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			st, other := storetest.Open(t, db.URL), storetest.Open(t, db.URL)
			save(t, st, referenceArticle(t, ""))
			own := save(t, st, ownStory())
			s := newServer(t, st, testConfig())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go s.Watch(ctx)

			// Nothing stored: the Config's name and address.
			if err := siteShows(t, s, own.Path(), "masthead", testBaseURL); err != nil {
				t.Fatal(err)
			}
			steps := []struct {
				what, key, value string // value "" deletes the setting
				name, base       string
			}{
				// The address is unset still: the Config's stays.
				{"name set", settingSiteName, "The Example Daily", "The Example Daily", testBaseURL},
				// The back office stores it without the slash; one typed
				// elsewhere with it must not double the slashes.
				{"address set", settingSiteURL, "https://daily.example/", "The Example Daily", "https://daily.example"},
				{"name unset", settingSiteName, "", "masthead", "https://daily.example"},
				{"address unset", settingSiteURL, "", "masthead", testBaseURL},
			}
			for _, step := range steps {
				var err error
				if step.value == "" {
					err = other.DeleteSetting(context.Background(), step.key)
				} else {
					err = other.SetSetting(context.Background(), step.key, step.value)
				}
				if err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				for {
					err := siteShows(t, s, own.Path(), step.name, step.base)
					if err == nil {
						break
					}
					if time.Since(start) > time.Second {
						t.Fatalf("%s: after %v: %v", step.what, time.Since(start).Round(time.Millisecond), err)
					}
					time.Sleep(20 * time.Millisecond)
				}
				t.Logf("%s: visible after %v", step.what, time.Since(start).Round(time.Millisecond))
			}
		})
	}
}

// TestSiteLicenceSetting: without a licence in the Config, the footer and
// the site's feeds name the site_licence setting's, as the site's own
// stories carry it; a Config licence is the operator's word and stays.
func TestSiteLicenceSetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		save(t, st, referenceArticle(t, ""))
		setSettings(t, st, settingLicence, "CC BY 4.0")
		cfg := testConfig()
		cfg.SiteLicence = ""
		s := newServer(t, st, cfg)
		const ccBy = "https://creativecommons.org/licenses/by/4.0/"
		footer := one(t, get(t, s, "/"), "footer", tag("footer"))
		link := one(t, footer, "licence link", tag("a", attrIs("rel", "license")))
		if attr(link, "href") != ccBy || text(link) != "CC BY 4.0" {
			t.Errorf("footer licence = %q %q", attr(link, "href"), text(link))
		}
		if c := feedOf(t, s, "/feed/").Channel.Copyright; c != "CC BY 4.0 ("+ccBy+")" {
			t.Errorf("RSS copyright = %q", c)
		}

		// A name with its URL apart, as the articles screen reads them.
		setSettings(t, st, settingLicence, "Example terms", settingLicenceURL, "https://news.example/terms/")
		s.Invalidate()
		footer = one(t, get(t, s, "/"), "footer", tag("footer"))
		link = one(t, footer, "licence link", tag("a", attrIs("rel", "license")))
		if attr(link, "href") != "https://news.example/terms/" || text(link) != "Example terms" {
			t.Errorf("footer licence = %q %q", attr(link, "href"), text(link))
		}

		withFlag := newServer(t, st, testConfig())
		footer = one(t, get(t, withFlag, "/"), "footer", tag("footer"))
		if len(findAll(footer, tag("a", attrIs("rel", "license")))) != 0 || !strings.Contains(text(footer), testConfig().SiteLicence) {
			t.Errorf("with a Config licence the footer says %q", text(footer))
		}
		if c := feedOf(t, withFlag, "/feed/").Channel.Copyright; c != testConfig().SiteLicence {
			t.Errorf("with a Config licence the RSS copyright is %q", c)
		}
	})
}

// TestSiteSettingsFallBack: a stored address the site cannot use, a blank
// name and an unreadable store all leave the Config's values in place.
func TestSiteSettingsFallBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		save(t, st, referenceArticle(t, ""))
		// The site's links are root-relative: an address with a path
		// would point feeds and sitemaps beside the site.
		setSettings(t, st, settingSiteURL, "https://daily.example/news", settingSiteName, " ")
		s := newServer(t, st, testConfig())
		if locs := sitemapLocs(t, s); locs[0] != testBaseURL+"/" {
			t.Errorf("sitemap starts %q", locs[0])
		}
		if title := text(one(t, get(t, s, "/"), "title", tag("title"))); !strings.HasPrefix(title, "masthead – ") {
			t.Errorf("title = %q", title)
		}

		ctx := context.Background()
		first := s.identity(ctx)
		if again := s.identity(ctx); again != first {
			t.Error("the settings were read twice in one cache generation")
		}
		s.Invalidate()
		if next := s.identity(ctx); next == first {
			t.Error("the settings were not read again in a new cache generation")
		}

		st.Close() // storetest closes it again, harmlessly
		s.Invalidate()
		if id := s.identity(ctx); id != s.defaults {
			t.Errorf("with the store closed: %+v, want the Config's", id)
		}
		if id := s.live.Load(); id != nil && id.gen == s.cache.generation() {
			t.Error("the stand-in values were kept for the generation")
		}
	})
}

func ownStory() *article.Article {
	when := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	return &article.Article{
		Slug: "council-votes", Headline: "Council votes to reopen the pool", Summary: "After two years.",
		BodyHTML: "<p>The council voted on Tuesday.</p>", Authors: []article.Author{{Name: "Ana Reporter"}},
		Tags: []string{"Local"}, Published: when, Updated: when,
	}
}

// setSettings stores key, value pairs.
func setSettings(t *testing.T, st *store.Store, kv ...string) {
	t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		if err := st.SetSetting(context.Background(), kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
}

// siteShows reports the first place that does not show the site as name
// at base: the front page, the own story's page, the feeds, the sitemap,
// robots.txt and the privacy page.
func siteShows(t *testing.T, s http.Handler, ownPath, name, base string) error {
	t.Helper()
	front := get(t, s, "/")
	if title := text(one(t, front, "title", tag("title"))); !strings.HasPrefix(title, name+" – ") {
		return fmt.Errorf("front page title %q", title)
	}
	if h := text(one(t, front, "site title", tag("p", hasClass("site-title")))); h != name {
		return fmt.Errorf("front page header %q", h)
	}
	if c := attr(one(t, front, "canonical", tag("link", attrIs("rel", "canonical"))), "href"); c != base+"/" {
		return fmt.Errorf("front page canonical %q", c)
	}

	page := get(t, s, ownPath)
	if c := attr(one(t, page, "canonical", tag("link", attrIs("rel", "canonical"))), "href"); c != base+ownPath {
		return fmt.Errorf("own story canonical %q", c)
	}
	if og := metaContent(t, page, "property", "og:site_name"); og != name {
		return fmt.Errorf("og:site_name %q", og)
	}
	if og := metaContent(t, page, "property", "og:url"); og != base+ownPath {
		return fmt.Errorf("og:url %q", og)
	}
	var ld struct {
		Publisher struct{ Name, URL string } `json:"publisher"`
	}
	script := one(t, page, "JSON-LD", tag("script", attrIs("type", "application/ld+json")))
	if err := json.Unmarshal([]byte(script.FirstChild.Data), &ld); err != nil {
		t.Fatal(err)
	}
	if ld.Publisher.Name != name || ld.Publisher.URL != base+"/" {
		return fmt.Errorf("JSON-LD publisher %+v", ld.Publisher)
	}

	rss := feedOf(t, s, "/feed/")
	if rss.Channel.Title != name || rss.Channel.Self.Href != base+"/feed/" || len(rss.Channel.Items) != 2 {
		return fmt.Errorf("RSS channel %q self %q with %d items", rss.Channel.Title, rss.Channel.Self.Href, len(rss.Channel.Items))
	}
	for _, it := range rss.Channel.Items {
		if !strings.HasPrefix(it.Link, base+"/") || it.GUID != it.Link {
			return fmt.Errorf("RSS item link %q guid %q", it.Link, it.GUID)
		}
	}
	for _, loc := range sitemapLocs(t, s) {
		if !strings.HasPrefix(loc, base+"/") {
			return fmt.Errorf("sitemap loc %q", loc)
		}
	}
	if _, body := do(t, s, "GET", "/robots.txt"); !strings.Contains(string(body), "\nSitemap: "+base+"/sitemap.xml\n") {
		return fmt.Errorf("robots.txt %q", body)
	}
	if title := text(one(t, get(t, s, "/privacy/"), "title", tag("title"))); title != "Privacy – "+name {
		return fmt.Errorf("privacy title %q", title)
	}
	_, body := do(t, s, "GET", commentsPath+"feed/")
	var comments atomParsed
	if err := xml.Unmarshal(body, &comments); err != nil {
		t.Fatal(err)
	}
	if comments.ID != base+commentsPath+"feed/" {
		return fmt.Errorf("comment feed id %q", comments.ID)
	}
	return nil
}

func feedOf(t *testing.T, h http.Handler, path string) rssParsed {
	t.Helper()
	res, body := do(t, h, "GET", path)
	var f rssParsed
	if res.StatusCode != http.StatusOK || xml.Unmarshal(body, &f) != nil {
		t.Fatalf("GET %s = %d %q", path, res.StatusCode, body)
	}
	return f
}

func sitemapLocs(t *testing.T, h http.Handler) []string {
	t.Helper()
	res, body := do(t, h, "GET", "/sitemap.xml")
	var set struct {
		Locs []string `xml:"url>loc"`
	}
	if res.StatusCode != http.StatusOK || xml.Unmarshal(body, &set) != nil || len(set.Locs) == 0 {
		t.Fatalf("sitemap = %d %q", res.StatusCode, body)
	}
	return set.Locs
}
