package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"masthead/internal/comment"
	"masthead/internal/store/storetest"
	"masthead/internal/web"
)

// The reference page, built from the feed alone: 'import feed' into a fresh
// database, then every item the reference page shows, on each dialect.
func TestImportedFeedMakesTheReferencePage(t *testing.T) {
	const headline = "Why would Islamic State attack Russia and what does this mean for the terrorism threat globally?"
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			code, out, stderr := run(t, nil, "import", "feed", "testdata/conversation-sample.atom", "--db", db.URL)
			if code != 0 {
				t.Fatalf("import: exit %d: %s", code, stderr)
			}
			path := strings.TrimSpace(out)
			st := storetest.Open(t, db.URL)
			secret := []byte("a test secret of thirty-two bytes")
			tokens, err := comment.NewTokens(secret, nil)
			if err != nil {
				t.Fatal(err)
			}
			site, err := web.New(web.Config{BaseURL: "https://news.example",
				Comments: comment.NewService(comment.Config{Store: st, Tokens: tokens}), Avatars: comment.NewAvatars(secret)},
				st, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			site.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", path, rec.Code)
			}
			doc, err := html.Parse(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			page := pageOf(doc)

			page.text(t, "headline", "h1", headline)
			img := page.one(t, "lead image", func(n *html.Node) bool {
				return n.Data == "img" && attrOf(n, "alt") == "an outlined map of Russia"
			})
			if fig := ancestor(img, "figure"); fig == nil || !strings.Contains(textOf(fig), "An outline map of the Russian Federation.") ||
				!strings.Contains(textOf(fig), "Shutterstock") {
				t.Error("the lead image has no figure with its caption and credit")
			}
			page.text(t, "byline", "p.byline",
				"by Greg Barton, Deakin University, [This article first appeared in The Conversation, republished with permission]")
			page.link(t, "byline's profile link", "https://theconversation.com/profiles/greg-barton-2013", "Greg Barton, Deakin University")
			page.text(t, "a heading of the body", "h2", "What is ISIS-K?")
			page.one(t, "the page-view counter", func(n *html.Node) bool {
				return n.Data == "img" && strings.HasPrefix(attrOf(n, "src"), "https://counter.theconversation.com/content/226464/count.gif")
			})
			if strings.Contains(textOf(doc), "DO NOT REMOVE") {
				t.Error("the feed's HTML comments reached the page")
			}
			page.contains(t, "bio line", "Greg Barton, Chair in Global Islamic Politics, Alfred Deakin Institute for Citizenship and Globalisation; Scholar -In-Residence Asia Society Australia, Deakin University")
			page.text(t, "closing credit", "p.republished",
				"This article is republished from The Conversation under a Creative Commons license. Read the original article.")
			page.link(t, "source's home", "https://theconversation.com", "The Conversation")
			page.link(t, "licence", "https://creativecommons.org/licenses/by-nd/4.0/", "Creative Commons license")
			orig := "https://theconversation.com/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally-226464"
			page.link(t, "original article", orig, "original article")
			page.contains(t, "comment count", `Be the first to comment on "`+headline+`"`)
			page.contains(t, "form heading", "Leave a comment")
			page.contains(t, "email note", "Your email address will not be published.")
			for _, name := range []string{"comment", "author", "email", "url"} {
				page.one(t, "form field "+name, func(n *html.Node) bool {
					return (n.Data == "input" || n.Data == "textarea") && attrOf(n, "name") == name && ancestorID(n, "commentform")
				})
			}
			page.one(t, "Post Comment button", func(n *html.Node) bool {
				return (n.Data == "button" && strings.TrimSpace(textOf(n)) == "Post Comment") || (n.Data == "input" && attrOf(n, "value") == "Post Comment")
			})
			page.contains(t, "spam notice", "to reduce spam. Learn how your comment data is processed.")
			page.link(t, "privacy page", "/privacy/", "Learn how your comment data is processed")

			page.text(t, "title", "title", headline+" – masthead")
			page.one(t, "canonical to the original", func(n *html.Node) bool {
				return n.Data == "link" && attrOf(n, "rel") == "canonical" && attrOf(n, "href") == orig
			})
			for _, prop := range []string{"og:title", "og:image", "og:url", "twitter:card", "description"} {
				page.one(t, "meta "+prop, func(n *html.Node) bool {
					return n.Data == "meta" && (attrOf(n, "property") == prop || attrOf(n, "name") == prop) && attrOf(n, "content") != ""
				})
			}
			page.one(t, "feed alternate", func(n *html.Node) bool {
				return n.Data == "link" && attrOf(n, "rel") == "alternate" && strings.Contains(attrOf(n, "type"), "xml")
			})
			ld := page.one(t, "JSON-LD", func(n *html.Node) bool {
				return n.Data == "script" && attrOf(n, "type") == "application/ld+json"
			})
			var got struct {
				Type      string `json:"@type"`
				IsBasedOn string `json:"isBasedOn"`
				License   string `json:"license"`
				Author    []struct {
					Name        string                `json:"name"`
					Affiliation struct{ Name string } `json:"affiliation"`
				} `json:"author"`
			}
			if err := json.Unmarshal([]byte(textOf(ld)), &got); err != nil {
				t.Fatalf("JSON-LD: %v", err)
			}
			if got.Type != "NewsArticle" || got.IsBasedOn != orig || got.License != "https://creativecommons.org/licenses/by-nd/4.0/" ||
				len(got.Author) != 1 || got.Author[0].Name != "Greg Barton" || got.Author[0].Affiliation.Name != "Deakin University" {
				t.Errorf("JSON-LD = %+v", got)
			}
			if _, total, _ := st.Articles(context.Background(), storeQueryAll()); total != 1 {
				t.Errorf("%d articles, want 1", total)
			}
		})
	}
}
