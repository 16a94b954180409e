package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// The reference story's facts, as the tests expect to see them.
const (
	refHeadline   = "Why would Islamic State attack Russia and what does this mean for the terrorism threat globally?"
	refAuthor     = "Greg Barton, Chair in Global Islamic Politics, Alfred Deakin Institute for Citizenship and Globalisation; Scholar -In-Residence Asia Society Australia, Deakin University"
	refProfile    = "https://theconversation.com/profiles/greg-barton-2013"
	refOriginal   = "https://theconversation.com/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally-226464"
	refUpstreamID = "tag:theconversation.com,2011:article/226464"
	refLicenceURL = "https://creativecommons.org/licenses/by-nd/4.0/"
	refCounter    = "https://counter.theconversation.com/content/226464/count.gif?distributor=republish-lightbox-basic"
	refImage      = "https://images.theconversation.com/files/583000/original/russia-outline.jpg"
	testBaseURL   = "https://news.example"
)

// referenceArticle builds the reference story: the headline from the
// reference page's text, the body from the source's feed entry (which
// carries the same text plus its figure and counter image). imageURL, when
// set, replaces the image's address everywhere, for the browser test.
func referenceArticle(t testing.TB, imageURL string) *article.Article {
	t.Helper()
	ref := readTestdata(t, "reference-page.txt")
	headline, _, _ := strings.Cut(ref, "\n")
	headline = collapse(headline) // the page puts a no-break space before the last word
	if headline != refHeadline {
		t.Fatalf("reference page starts %q", headline)
	}
	var feed struct {
		Entry struct {
			ID        string `xml:"id"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
			Content   string `xml:"content"`
			Summary   string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readTestdata(t, "conversation-sample.atom")), &feed); err != nil {
		t.Fatal(err)
	}
	e := feed.Entry
	published, err1 := time.Parse(time.RFC3339, e.Published)
	updated, err2 := time.Parse(time.RFC3339, e.Updated)
	if err1 != nil || err2 != nil || e.ID != refUpstreamID || !strings.Contains(e.Content, refCounter) {
		t.Fatalf("feed entry: %v %v %q", err1, err2, e.ID)
	}
	body, img := e.Content, refImage
	if imageURL != "" {
		body, img = strings.ReplaceAll(body, refImage, imageURL), imageURL
	}
	au := article.ParseAuthor(refAuthor)
	au.ProfileURL = refProfile
	return &article.Article{
		Slug:     "why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally",
		Headline: headline,
		Summary:  e.Summary,
		BodyHTML: body,
		Image:    article.Image{URL: img, Alt: "an outlined map of Russia", Caption: "An outline map of the Russian Federation.", Credit: "Shutterstock"},
		Authors:  []article.Author{au},
		Source: article.Source{Name: "The Conversation", HomeURL: "https://theconversation.com",
			OriginalURL: refOriginal, UpstreamID: refUpstreamID},
		Licence:   article.Licence{Name: "CC BY-ND 4.0", URL: refLicenceURL},
		Tags:      []string{"Russia", "Terrorism", "Islamic State"},
		Published: published,
		Updated:   updated,
	}
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func save(t testing.TB, st *store.Store, a *article.Article) *article.Article {
	t.Helper()
	var err error
	if a.Source.Imported() {
		_, err = st.SaveImported(context.Background(), a)
	} else {
		err = st.CreateArticle(context.Background(), a)
	}
	if err != nil {
		t.Fatalf("save %q: %v", a.Headline, err)
	}
	return a
}

func testConfig() Config {
	return Config{BaseURL: testBaseURL, Tagline: "Independent news, freely shared", SiteLicence: "Own stories © Example News, CC BY 4.0."}
}

// newServer makes a site over st with a comment section on the wall clock,
// unless cfg brings its own.
func newServer(t testing.TB, st *store.Store, cfg Config) *Server {
	t.Helper()
	if cfg.Comments == nil {
		cfg.Comments, cfg.Avatars = commentDeps(t, st, nil)
	}
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// testSecret stands for the site secret serve reads from the store.
const testSecret = "masthead test secret, 32 bytes!!"

// commentDeps is the comment section as serve wires it: a service over a
// group-committing writer, with tokens and avatars from the site secret,
// on the clock now (nil for the wall clock).
func commentDeps(t testing.TB, st *store.Store, now func() time.Time) (*comment.Service, comment.Avatars) {
	t.Helper()
	tok, err := comment.NewTokens([]byte(testSecret), now)
	if err != nil {
		t.Fatal(err)
	}
	w := store.NewCommentWriter(st)
	t.Cleanup(func() { w.Close() })
	return comment.NewService(comment.Config{Store: w, Tokens: tok, Now: now}), comment.NewAvatars([]byte(testSecret))
}

// do sends one request through the handler and returns the response with
// its body read.
func do(t testing.TB, h http.Handler, method, target string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// get fetches a page that must answer 200 and parses it.
func get(t testing.TB, h http.Handler, target string) *html.Node {
	t.Helper()
	res, body := do(t, h, "GET", target)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200", target, res.StatusCode)
	}
	return parseHTML(t, body)
}

func parseHTML(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// A tiny selector kit over golang.org/x/net/html.
type match func(*html.Node) bool

func tag(name string, more ...match) match {
	return func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.Data != name {
			return false
		}
		for _, m := range more {
			if !m(n) {
				return false
			}
		}
		return true
	}
}

func attrIs(key, val string) match { return func(n *html.Node) bool { return attr(n, key) == val } }

func hasClass(c string) match {
	return func(n *html.Node) bool { return strings.Contains(" "+attr(n, "class")+" ", " "+c+" ") }
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findAll(root *html.Node, m match) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if m(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// one finds the single node m matches, failing the test otherwise.
func one(t testing.TB, root *html.Node, what string, m match) *html.Node {
	t.Helper()
	all := findAll(root, m)
	if len(all) != 1 {
		t.Fatalf("%s: found %d, want 1", what, len(all))
	}
	return all[0]
}

// text is an element's text as a reader sees it: whitespace runs collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

// collapse turns every run of white space (no-break spaces too) into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func inside(n *html.Node, m match) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if m(p) {
			return true
		}
	}
	return false
}

// metaContent is the content of <meta key=name>.
func metaContent(t testing.TB, doc *html.Node, key, name string) string {
	t.Helper()
	return attr(one(t, doc, "meta "+key+"="+name, tag("meta", attrIs(key, name))), "content")
}
