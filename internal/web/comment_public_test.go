package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// atomDoc is what the tests read of an Atom feed.
type atomDoc struct {
	Title   string `xml:"title"`
	Entries []struct {
		ID     string `xml:"id"`
		Title  string `xml:"title"`
		Author struct {
			Name string `xml:"name"`
			URI  string `xml:"uri"`
		} `xml:"author"`
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

// TestCommentFeeds reads the article's and the site's comment feeds, and
// finds them linked from the article page's head.
func TestCommentFeeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0", "comment_flood_seconds": "0", "comments_per_page": "1"}, nil)
		other := save(t, st, &article.Article{Slug: "other", Headline: "Another story", BodyHTML: "<p>x</p>",
			Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)})
		rd := cs.reader("192.0.2.80")
		rd.write(cs.a.Path(), 10*time.Second, typing{comment: "First <on> the story.", author: "Ann", email: "ann@example.org", url: "https://ann.example/"})
		rd.write(cs.a.Path(), 10*time.Second, typing{comment: "Second on the story.", author: "Bob", email: "bob@example.org"})
		rd.write(other.Path(), 10*time.Second, typing{comment: "On the other story.", author: "Cy", email: "cy@example.org"})
		cs.set(map[string]string{"moderation_keys": "held"})
		rd.write(cs.a.Path(), 10*time.Second, typing{comment: "This one is held.", author: "Dee", email: "dee@example.org"})
		first, second := cs.stored("First <on> the story."), cs.stored("Second on the story.")

		doc := rd.page(cs.a.Path())
		links := map[string]string{}
		for _, l := range findAll(doc, tag("link", attrIs("rel", "alternate"), attrIs("type", "application/atom+xml"))) {
			links[attr(l, "title")] = attr(l, "href")
		}
		articleFeed, siteFeed := testBaseURL+cs.a.Path()+"feed/", testBaseURL+"/comments/feed/"
		if links[refHeadline+" – Comments"] != articleFeed || links["masthead – Comments"] != siteFeed {
			t.Errorf("head links %v", links)
		}

		read := func(path string) atomDoc {
			t.Helper()
			res, body := rd.do("GET", path, nil)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
				t.Fatalf("GET %s: %d %q", path, res.StatusCode, res.Header.Get("Content-Type"))
			}
			var d atomDoc
			if err := xml.Unmarshal(body, &d); err != nil {
				t.Fatal(err)
			}
			return d
		}
		f := read(cs.a.Path() + "feed/")
		if f.Title != "Comments on: "+refHeadline || len(f.Entries) != 2 {
			t.Fatalf("article feed %q with %d entries", f.Title, len(f.Entries))
		}
		newest, oldest := f.Entries[0], f.Entries[1]
		if newest.Title != "Comment on "+refHeadline+" by Bob" || newest.Author.Name != "Bob" ||
			newest.Link.Href != testBaseURL+cs.a.Path()+"comment-page-2/#comment-"+fmt.Sprint(second.ID) ||
			newest.ID != testBaseURL+cs.a.Path()+"#comment-"+fmt.Sprint(second.ID) {
			t.Errorf("newest entry %+v", newest)
		}
		if oldest.Author.URI != "https://ann.example/" || oldest.Content != "<p>First &lt;on&gt; the story.</p>\n" ||
			oldest.Link.Href != testBaseURL+cs.a.Path()+"#comment-"+fmt.Sprint(first.ID) {
			t.Errorf("oldest entry %+v", oldest)
		}
		site := read("/comments/feed/")
		var titles []string
		for _, e := range site.Entries {
			titles = append(titles, e.Title)
		}
		if got := strings.Join(titles, " | "); got != "Comment on Another story by Cy | Comment on "+refHeadline+" by Bob | Comment on "+refHeadline+" by Ann" {
			t.Errorf("site feed: %s", got)
		}
		if res, _ := rd.do("GET", "/2024/03/no-such-story/feed/", nil); res.StatusCode != 404 {
			t.Errorf("feed of no story: %d", res.StatusCode)
		}
	})
}

// TestEmailNeverPublic posts comments with unique addresses, then fetches
// every public answer the site gives — pages, comment pages, feeds, the
// sitemap, the privacy page, error pages, the held view, avatars — and
// looks for the addresses in bodies and headers. The only answer that may
// carry one is the poster's own redirect, in the cookie they asked for.
func TestEmailNeverPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0", "moderation_keys": "hold this", "comment_flood_seconds": "600"}, nil)
		own := save(t, st, &article.Article{Slug: "own", Headline: "Our own story", BodyHTML: "<p>x</p>",
			Authors: []article.Author{{Name: "Ana Reporter"}}, Tags: []string{"Local"},
			Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)})
		const approvedMail, heldMail = "Secret-7f3a@Unique.example", "hidden-9c1b@unique.example"
		secrets := []string{"secret-7f3a", "hidden-9c1b"} // the local parts, however the rest is written
		poster, heldAuthor := cs.reader("192.0.2.90"), cs.reader("192.0.2.91")
		res, _ := poster.write(cs.a.Path(), 30*time.Second, typing{comment: "A public comment.", author: "Pat", email: approvedMail, url: "pat.example", consent: true})
		if ck := setCookie(res, savedEmailCookie); ck == nil || !strings.Contains(strings.ToLower(ck.Value), secrets[0]) {
			t.Fatalf("the poster's saved-details cookie: %v", res.Header["Set-Cookie"])
		}
		for k, vs := range res.Header {
			for _, v := range vs {
				if strings.Contains(strings.ToLower(v), secrets[0]) && !(k == "Set-Cookie" && strings.HasPrefix(v, savedEmailCookie+"=")) {
					t.Errorf("the poster's answer carries the email in %s: %s", k, v)
				}
			}
		}
		approved := cs.stored("A public comment.")
		heldAuthor.write(cs.a.Path(), 30*time.Second, typing{comment: "Please hold this one.", author: "Hal", email: heldMail})
		held := cs.stored("Please hold this one.")
		if approved.Status != comment.StatusApproved || held.Status != comment.StatusPending {
			t.Fatalf("statuses %s, %s", approved.Status, held.Status)
		}

		type answer struct {
			what string
			res  *http.Response
			body []byte
		}
		var answers []answer
		fetch := func(rd *reader, what, method, target string, form map[string]string) {
			var res *http.Response
			var body []byte
			if form == nil {
				res, body = rd.do(method, target, nil)
			} else {
				_, vals := rd.form(rd.page(cs.a.Path()))
				cs.clk.Add(30 * time.Second)
				for k, v := range form {
					vals.Set(k, v)
				}
				res, body = rd.post(target, vals)
			}
			if res.StatusCode >= 500 {
				t.Errorf("%s: %d", what, res.StatusCode)
			}
			answers = append(answers, answer{what, res, body})
		}
		stranger := cs.reader("198.51.100.9")
		avatar := comment.NewAvatars([]byte(testSecret)).Path(approvedMail)
		for _, p := range []string{
			"/", "/page/2/", cs.a.Path(), cs.a.Path() + "?replytocom=" + fmt.Sprint(approved.ID), cs.a.Path() + "?cpage=1",
			cs.a.Path() + "feed/", "/comments/feed/", "/feed/", "/feed/atom/", "/tag/russia/", "/tag/russia/feed/", "/tag/local/feed/atom/",
			"/author/greg-barton/", "/author/ana-reporter/feed/", own.Path(), "/sitemap.xml", "/robots.txt", "/privacy/",
			avatar, "/no/such/page/", cs.a.Path() + "comment-page-9/",
		} {
			fetch(stranger, "GET "+p, "GET", p, nil)
		}
		// The held view, for its author and for the approved comment's author.
		fetch(heldAuthor, "held view", "GET", cs.a.Path(), nil)
		fetch(poster, "poster's view", "GET", cs.a.Path(), nil)
		// Error pages another reader's posts bring about.
		fetch(stranger, "validation error", "POST", commentsPath, map[string]string{"comment": "", "author": "S", "email": "s@example.org"})
		fetch(stranger, "duplicate", "POST", commentsPath, map[string]string{"comment": "A public comment.", "author": "Pat", "email": "other@example.org"})
		fetch(cs.reader("192.0.2.90"), "flood from the poster's address", "POST", commentsPath, map[string]string{"comment": "Again, quickly.", "author": "X", "email": "x@example.org"})
		fetch(stranger, "reply to the held comment", "POST", commentsPath, map[string]string{"comment": "Re.", "author": "S", "email": "s2@example.org", "comment_parent": fmt.Sprint(held.ID)})

		checked := 0
		for _, a := range answers {
			hay := strings.ToLower(string(a.body))
			for k, vs := range a.res.Header {
				hay += "\n" + k + ": " + strings.ToLower(strings.Join(vs, " "))
			}
			for _, s := range secrets {
				if strings.Contains(hay, s) {
					t.Errorf("%s (%d) shows %s", a.what, a.res.StatusCode, s)
				}
			}
			checked++
		}
		// The test looked where the comments are.
		for _, a := range answers {
			switch a.what {
			case "held view":
				if !strings.Contains(string(a.body), "Please hold this one.") || !strings.Contains(string(a.body), "Hal") {
					t.Error("the held view lacks the held comment")
				}
			case "GET " + cs.a.Path() + "feed/", "GET /comments/feed/", "GET " + cs.a.Path():
				if !strings.Contains(string(a.body), "A public comment.") || a.res.StatusCode != 200 {
					t.Errorf("%s lacks the approved comment", a.what)
				}
			case "validation error", "duplicate", "flood from the poster's address", "reply to the held comment":
				if a.res.StatusCode < 400 {
					t.Errorf("%s: %d, want an error page", a.what, a.res.StatusCode)
				}
			}
		}
		if checked < 25 {
			t.Errorf("only %d answers checked", checked)
		}
	})
}
