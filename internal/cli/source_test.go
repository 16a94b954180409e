package cli

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"

	"masthead/internal/store/storetest"
	"masthead/internal/web"
)

// masthead runs the command line against a database and returns the exit
// status, stdout and stderr.
func masthead(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), append(args, "--db", db), Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" },
	})
	return code, out.String(), errOut.String()
}

const counterImg = `<img src="https://counter.theconversation.com/content/%d/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1" />`

func conversationFeed(ids ...int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:theconversation.com,2011:/au/articles</id>
<title>The Conversation – Articles (AU)</title><link rel="alternate" href="https://theconversation.com"/><updated>2024-03-24T04:12:09Z</updated>`)
	for _, id := range ids {
		body := fmt.Sprintf("<p>Story %d.</p>"+counterImg, id, id)
		if id%2 == 0 {
			body = fmt.Sprintf("<p>Story %d, its counter stripped.</p>", id)
		}
		fmt.Fprintf(&b, `<entry><id>tag:theconversation.com,2011:article/%d</id>
<published>2024-03-24T03:40:21Z</published><updated>2024-03-24T04:12:09Z</updated>
<link rel="alternate" type="text/html" href="https://theconversation.com/story-%d"/>
<title>Story number %d</title><content type="html">%s</content>
<author><name>Greg Barton, Deakin University</name></author>
<rights>Licensed as Creative Commons – attribution, no derivatives.</rights></entry>`, id, id, id, html.EscapeString(body))
	}
	b.WriteString("</feed>")
	return b.String()
}

// An editor's session: add sources, poll them, see what failed, work
// through the inbox.
func TestSourceAndInboxCommands(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/tc.atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"tc-1"`)
		if r.Header.Get("If-None-Match") == `"tc-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte(conversationFeed(101, 102, 103)))
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><html><body>Not a feed</body></html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			code, out, errOut := masthead(t, db.URL, "source", "add", "--name", "The Conversation", "--feed", srv.URL+"/tc.atom",
				"--home", "https://theconversation.com", "--allow-private-network", "--interval", "15m")
			if code != 0 || out != "1\n" {
				t.Fatalf("source add: exit %d, out %q, err %s", code, out, errOut)
			}
			code, out, _ = masthead(t, db.URL, "source", "add", "--name", "Not a feed", "--feed", srv.URL+"/page", "--allow-private-network", "--mode", "auto")
			if code != 0 || out != "2\n" {
				t.Fatalf("second source add: exit %d, out %q", code, out)
			}
			code, out, _ = masthead(t, db.URL, "source", "add", "--name", "Private", "--feed", srv.URL+"/tc.atom?private")
			if code != 0 || out != "3\n" {
				t.Fatalf("third source add: exit %d, out %q", code, out)
			}
			if code, _, errOut := masthead(t, db.URL, "source", "add", "--name", "Again", "--feed", srv.URL+"/tc.atom"); code != 1 ||
				!strings.Contains(errOut, "exists already") {
				t.Errorf("duplicate add: exit %d, %s", code, errOut)
			}
			if code, _, errOut := masthead(t, db.URL, "source", "add", "--name", "X", "--feed", "https://e.example/f", "--mode", "sometimes"); code != 1 ||
				!strings.Contains(errOut, `mode "sometimes": want inbox or auto`) {
				t.Errorf("bad mode: exit %d, %s", code, errOut)
			}

			code, out, errOut = masthead(t, db.URL, "source", "poll")
			if code != 1 {
				t.Errorf("poll with failing sources: exit %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 3 || lines[0] != "1 The Conversation: 3 new, 0 updated, 0 unchanged" ||
				!strings.HasPrefix(lines[1], "2 Not a feed: error: not an RSS, Atom or JSON feed") ||
				!strings.Contains(lines[2], "3 Private: error: refused to connect to 127.0.0.1 (a loopback address)") ||
				!strings.Contains(errOut, "2 of 3 sources failed") {
				t.Errorf("poll printed:\n%s\nstderr: %s", out, errOut)
			}
			if code, out, _ := masthead(t, db.URL, "source", "poll", "1"); code != 0 ||
				out != "1 The Conversation: 0 new, 0 updated, 0 unchanged (not modified)\n" {
				t.Errorf("second poll: exit %d, %q", code, out)
			}

			_, out, _ = masthead(t, db.URL, "source", "list")
			rows := strings.Split(strings.TrimSpace(out), "\n")
			if len(rows) != 4 || !regexp.MustCompile(`^ID\s+NAME\s+MODE\s+FEED\s+LAST POLL\s+LAST ERROR$`).MatchString(rows[0]) ||
				!regexp.MustCompile(`^1\s+The Conversation\s+inbox\s+http://127\.0\.0\.1:\d+/tc\.atom\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+-$`).MatchString(rows[1]) ||
				!regexp.MustCompile(`^2\s+Not a feed\s+auto\s+.*this is an HTML page`).MatchString(rows[2]) ||
				!strings.Contains(rows[3], "not allowed private networks") {
				t.Errorf("source list:\n%s", out)
			}

			// The inbox: two stories ready, one whose counter was stripped.
			_, out, _ = masthead(t, db.URL, "inbox", "list")
			rows = strings.Split(strings.TrimSpace(out), "\n")
			if len(rows) != 3 || !regexp.MustCompile(`^1\s+The Conversation\s+Story number 101$`).MatchString(rows[0]) ||
				!regexp.MustCompile(`^2\s+The Conversation\s+Story number 102\s+cannot be published: the source requires "counter.theconversation.com/content/"`).MatchString(rows[1]) ||
				!regexp.MustCompile(`^3\s+The Conversation\s+Story number 103$`).MatchString(rows[2]) {
				t.Fatalf("inbox list:\n%s", out)
			}
			code, out, errOut = masthead(t, db.URL, "inbox", "publish", "1", "2", "99")
			if code != 1 || out != "/2024/03/story/\n" ||
				!strings.Contains(errOut, "story 2 cannot be published: the source requires") || !strings.Contains(errOut, "story 99: not found") {
				t.Errorf("inbox publish: exit %d, out %q, err %s", code, out, errOut)
			}
			if code, _, errOut := masthead(t, db.URL, "inbox", "skip", "3"); code != 0 {
				t.Errorf("inbox skip: exit %d, %s", code, errOut)
			}
			_, out, _ = masthead(t, db.URL, "inbox", "list")
			if !regexp.MustCompile(`^2\s+The Conversation\s+Story number 102\s+cannot be published`).MatchString(out) || strings.Count(out, "\n") != 1 {
				t.Errorf("inbox after publish and skip:\n%s", out)
			}

			st := storetest.Open(t, db.URL)
			a, err := st.ArticleByPath(context.Background(), "/2024/03/story/")
			if err != nil || !strings.Contains(a.BodyHTML, "counter.theconversation.com/content/101/count.gif") {
				t.Errorf("published story: %v %+v", err, a)
			}
			// And the page readers get carries the counter image.
			site, err := web.New(web.Config{BaseURL: "https://news.example"}, st, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			site.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/2024/03/story/", nil))
			doc, _ := nethtml.Parse(rec.Body)
			if rec.Code != http.StatusOK || len(pageOf(doc).all(func(n *nethtml.Node) bool {
				return n.Data == "img" && strings.HasPrefix(attrOf(n, "src"), "https://counter.theconversation.com/content/101/count.gif")
			})) != 1 {
				t.Errorf("the published page (status %d) lacks the counter image", rec.Code)
			}

			if code, _, _ := masthead(t, db.URL, "source", "remove", "2"); code != 0 {
				t.Errorf("source remove: exit %d", code)
			}
			if code, _, errOut := masthead(t, db.URL, "source", "remove", "2"); code != 1 || !strings.Contains(errOut, "source 2: not found") {
				t.Errorf("removing twice: exit %d, %s", code, errOut)
			}
			if code, _, errOut := masthead(t, db.URL, "source", "remove", "two"); code != 2 || !strings.Contains(errOut, `"two" is not an id`) {
				t.Errorf("remove with a bad id: exit %d, %s", code, errOut)
			}
		})
	}
}

// 'source set' changes only the flags given: here the licence an editor
// knows the feed does not declare.
func TestSourceSet(t *testing.T) {
	db := storetest.URLs(t)[0].URL
	if code, _, errOut := masthead(t, db, "source", "add", "--name", "GV", "--feed", "https://globalvoices.org/feed/", "--mode", "auto", "--require", "none"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := masthead(t, db, "source", "set", "1", "--licence", "CC BY 4.0", "--interval", "1h"); code != 0 {
		t.Fatal(errOut)
	}
	st := storetest.Open(t, db)
	src, err := st.SourceByID(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if src.Licence.Name != "CC BY 4.0" || src.Licence.URL != "https://creativecommons.org/licenses/by/4.0/" ||
		src.Interval.String() != "1h0m0s" || src.Mode != "auto" || src.Name != "GV" || len(src.RequiredElements) != 0 {
		t.Errorf("after set: %+v", src)
	}
	if code, _, errOut := masthead(t, db, "source", "set", "1", "--canonical", "elsewhere"); code != 1 || !strings.Contains(errOut, "canonical") {
		t.Errorf("bad set: exit %d %s", code, errOut)
	}
}
