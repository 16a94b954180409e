package syndication

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

var billionLaughs = []byte(`<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title><link>https://example.org/</link>
<item><guid>1</guid><title>&lol9;</title></item></channel></rss>`)

// Each hostile or broken feed leaves a clear error on its source, stores
// nothing, backs the source off, and does not stop the other sources.
func TestPollHostileFeeds(t *testing.T) {
	good := tcAtom(tcEntry{id: 5001, title: "A good story", body: "<p>Good</p>", updated: firstVersion})
	mux := http.NewServeMux()
	serve := func(path, ctype string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		})
	}
	serve("/good.atom", "application/atom+xml", good)
	serve("/laughs.rss", "application/rss+xml", billionLaughs)
	serve("/invalid-utf8.rss", "application/rss+xml", []byte(strings.Replace(string(gvRSS("Bad bytes")), "the story", "the st\xffory", 1)))
	serve("/page.html", "text/html; charset=utf-8", []byte("<!DOCTYPE html><html><head><title>News</title></head><body><p>Read our feed</p></body></html>"))
	serve("/truncated.atom", "application/atom+xml", good[:len(good)/2])
	// Two good entries and one without an id: the feed is refused whole.
	serve("/no-id.atom", "application/atom+xml", []byte(strings.Replace(string(tcAtom(
		tcEntry{id: 6001, title: "One", body: "<p>1</p>", updated: firstVersion},
		tcEntry{id: 6002, title: "Two", body: "<p>2</p>", updated: firstVersion},
		tcEntry{id: 6003, title: "Three", body: "<p>3</p>", updated: firstVersion})),
		"<id>tag:theconversation.com,2011:article/6003</id>", "", 1)))
	mux.HandleFunc("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "104857600") // 100 MB announced
		w.Write([]byte("<rss>"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/silent", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// A stand-in for a public server that redirects to a private address.
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/good.atom", http.StatusFound)
	}))
	defer public.Close()
	publicAddr := netip.MustParseAddrPort(public.Listener.Addr().String())

	cases := []struct {
		name, url string
		private   bool
		want      string
	}{
		{"entity expansion", srv.URL + "/laughs.rss", true, "declares XML entities"},
		{"100 MB body", srv.URL + "/huge.xml", true, "feed too large"},
		{"invalid UTF-8", srv.URL + "/invalid-utf8.rss", true, "invalid UTF-8"},
		{"HTML instead of a feed", srv.URL + "/page.html", true, "this is an HTML page"},
		{"truncated feed", srv.URL + "/truncated.atom", true, "malformed feed"},
		{"entry without id", srv.URL + "/no-id.atom", true, `entry 3 ("Three"): no id`},
		{"endless redirects", srv.URL + "/loop", true, "stopped after 5 redirects"},
		{"redirect to file:", srv.URL + "/to-file", true, "redirected to a file: URL, refused"},
		{"server never answers", srv.URL + "/silent", true, "no complete answer within 2s"},
		{"server error", srv.URL + "/broken", true, "the server answered 500 Internal Server Error"},
		{"loopback without permission", srv.URL + "/good.atom?as=refused", false, "refused to connect to 127.0.0.1 (a loopback address)"},
		{"redirect to loopback without permission", public.URL + "/feed", false, "refused to connect to 127.0.0.1 (a loopback address)"},
	}
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ids := []int64{}
		for _, c := range cases {
			src := addSource(t, st, c.name, c.url, store.ModeAuto, func(s *store.Source) { s.AllowPrivateNetwork = c.private })
			ids = append(ids, src.ID)
		}
		goodSrc := addSource(t, st, "Good", srv.URL+"/good.atom", store.ModeAuto, func(s *store.Source) { s.RequiredElements = []string{} })
		p := NewPoller(st, PollerConfig{Fetch: FetcherConfig{Timeout: 2 * time.Second}})
		p.fetcher = newFetcher(p.cfg.Fetch, func(ap netip.AddrPort) bool { return ap == publicAddr })

		before := time.Now()
		reps, err := p.PollNow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				rep := reps[i]
				if rep.SourceID != ids[i] || rep.Err == nil || !strings.Contains(rep.Err.Error(), c.want) {
					t.Errorf("report: %+v, want an error with %q", rep, c.want)
				}
				src, err := st.SourceByID(ctx, ids[i])
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(src.Poll.LastError, c.want) || strings.Contains(src.Poll.LastError, "\n") {
					t.Errorf("stored error %q, want one line with %q", src.Poll.LastError, c.want)
				}
				if src.Poll.Failures != 1 || src.Poll.ETag != "" || src.Poll.NextAt.Before(before.Add(time.Hour)) {
					t.Errorf("poll state: %+v (want one failure and the next poll an hour on)", src.Poll)
				}
			})
		}
		last := reps[len(reps)-1]
		if last.SourceID != goodSrc.ID || last.Err != nil || last.Published != 1 {
			t.Errorf("the good source beside them: %+v", last)
		}
		list, total, _ := st.Articles(ctx, store.ArticleQuery{})
		if total != 1 || list[0].Headline != "A good story" {
			t.Errorf("site after hostile feeds: %d stories %+v", total, list)
		}
		if inbox, _ := st.Inbox(ctx); len(inbox) != 0 {
			t.Errorf("inbox after hostile feeds: %+v", inbox)
		}
	})
}
