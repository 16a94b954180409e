package syndication

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/store"
)

// feedServer serves feeds that tests change between polls, answering
// conditional requests as a well-behaved feed server does.
type feedServer struct {
	*httptest.Server
	mu          sync.Mutex
	feeds       map[string]servedFeed
	requests    map[string]int
	notModified map[string]int
}

type servedFeed struct {
	contentType string
	body        []byte
}

func newFeedServer(t testing.TB) *feedServer {
	fs := &feedServer{feeds: map[string]servedFeed{}, requests: map[string]int{}, notModified: map[string]int{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(path, contentType string, body []byte) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.feeds[path] = servedFeed{contentType, body}
}

func (fs *feedServer) counts(path string) (requests, notModified int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.requests[path], fs.notModified[path]
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	f, ok := fs.feeds[r.URL.Path]
	fs.requests[r.URL.Path]++
	fs.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(f.body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	if r.Header.Get("If-None-Match") == etag {
		fs.mu.Lock()
		fs.notModified[r.URL.Path]++
		fs.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", f.contentType)
	w.Write(f.body)
}

// tcEntry is one story in a feed in The Conversation's Atom format.
type tcEntry struct {
	id        int
	title     string
	body      string // HTML, before the counter image
	updated   time.Time
	noCounter bool
}

func tcBody(e tcEntry) string {
	b := e.body
	if !e.noCounter {
		b += fmt.Sprintf(`<!-- Below is The Conversation's page counter tag. Please DO NOT REMOVE. --><img src="https://counter.theconversation.com/content/%d/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1" style="border: none !important; opacity: 0 !important" referrerpolicy="no-referrer-when-downgrade" />`, e.id)
	}
	return b
}

func tcAtom(entries ...tcEntry) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-AU" xmlns="http://www.w3.org/2005/Atom">
  <id>tag:theconversation.com,2011:/au/articles</id>
  <link rel="alternate" type="text/html" href="https://theconversation.com"/>
  <title>The Conversation – Articles (AU)</title>
  <updated>2024-03-24T04:12:09Z</updated>
`)
	for _, e := range entries {
		fmt.Fprintf(&b, `  <entry>
    <id>tag:theconversation.com,2011:article/%d</id>
    <published>2024-03-24T03:40:21Z</published>
    <updated>%s</updated>
    <link rel="alternate" type="text/html" href="https://theconversation.com/%s-%d"/>
    <title>%s</title>
    <content type="html">%s</content>
    <summary>A summary.</summary>
    <author><name>Greg Barton, Chair in Global Islamic Politics, Deakin University</name></author>
    <category term="Terrorism"/>
    <category term="Russia"/>
    <rights>Licensed as Creative Commons – attribution, no derivatives.</rights>
  </entry>
`, e.id, e.updated.UTC().Format(time.RFC3339), slugOf(e.title), e.id, html.EscapeString(e.title), html.EscapeString(tcBody(e)))
	}
	b.WriteString("</feed>\n")
	return []byte(b.String())
}

func slugOf(s string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return '-'
	}, s), "-")
}

// gvRSS is a Global Voices style RSS 2.0 feed under CC BY.
func gvRSS(items ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Global Voices</title>
  <link>https://globalvoices.org</link>
  <description>Citizen media stories from around the world</description>
  <creativeCommons:license>https://creativecommons.org/licenses/by/3.0/</creativeCommons:license>
`)
	for i, title := range items {
		fmt.Fprintf(&b, `  <item>
    <title>%s</title>
    <link>https://globalvoices.org/2024/03/20/%s/</link>
    <guid isPermaLink="false">https://globalvoices.org/?p=%d</guid>
    <pubDate>Wed, 20 Mar 2024 10:00:00 GMT</pubDate>
    <dc:creator>Filip Noubel</dc:creator>
    <category>Freedom of Speech</category>
    <description><![CDATA[<p>%s: the story.</p>]]></description>
  </item>
`, html.EscapeString(title), slugOf(title), 800000+i, html.EscapeString(title))
	}
	b.WriteString("</channel>\n</rss>\n")
	return []byte(b.String())
}

// addSource adds a source as 'source add' would, on a local server.
func addSource(t testing.TB, st *store.Store, name, feedURL string, mode store.SourceMode, edit ...func(*store.Source)) *store.Source {
	t.Helper()
	src := &store.Source{Name: name, FeedURL: feedURL, Mode: mode, AllowPrivateNetwork: true}
	for _, e := range edit {
		e(src)
	}
	SourceDefaults(src)
	if err := CheckSource(src); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateSource(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	return src
}

func pollOne(t testing.TB, p *Poller, id int64) PollReport {
	t.Helper()
	reps, err := p.PollNow(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return reps[0]
}
