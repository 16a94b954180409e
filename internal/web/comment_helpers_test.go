package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/article"
	"masthead/internal/comment"
	"masthead/internal/store"
)

// testClock is a clock tests move by hand, shared by the site (its
// timers), its comment service and its tokens.
type testClock struct {
	mu     sync.Mutex
	t      time.Time
	timers []testTimer
}

type testTimer struct {
	at time.Time
	f  func()
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// AfterFunc runs f when Add moves the clock d on.
func (c *testClock) AfterFunc(d time.Duration, f func()) {
	c.mu.Lock()
	c.timers = append(c.timers, testTimer{c.t.Add(d), f})
	c.mu.Unlock()
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	var due []func()
	c.timers = slices.DeleteFunc(c.timers, func(tm testTimer) bool {
		if tm.at.After(c.t) {
			return false
		}
		due = append(due, tm.f)
		return true
	})
	c.mu.Unlock()
	for _, f := range due {
		f()
	}
}

// commentSite is the reference story on a site with comments, on a clock
// of the test's.
type commentSite struct {
	t   *testing.T
	st  *store.Store
	s   *Server
	svc *comment.Service
	clk *testClock
	a   *article.Article
}

// newCommentSite builds the site with the settings given (WordPress's
// defaults otherwise) and, when filter is not nil, that spam filter.
func newCommentSite(t *testing.T, st *store.Store, settings map[string]string, filter comment.Filter) *commentSite {
	t.Helper()
	clk := &testClock{t: time.Now().UTC().Truncate(time.Second)}
	tok, err := comment.NewTokens([]byte(testSecret), clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	w := store.NewCommentWriter(st)
	t.Cleanup(func() { w.Close() })
	svc := comment.NewService(comment.Config{Store: w, Tokens: tok, Filter: filter, Now: clk.Now})
	cfg := testConfig()
	cfg.Comments, cfg.Avatars = svc, comment.NewAvatars([]byte(testSecret))
	cs := &commentSite{t: t, st: st, svc: svc, clk: clk, s: newServer(t, st, cfg)}
	cs.s.afterFunc = clk.AfterFunc
	cs.a = save(t, st, referenceArticle(t, ""))
	cs.set(settings)
	return cs
}

// set changes discussion settings; pages rendered before are dropped, as
// Watch would drop them.
func (cs *commentSite) set(settings map[string]string) {
	cs.t.Helper()
	for k, v := range settings {
		if err := cs.svc.SetSetting(context.Background(), k, v); err != nil {
			cs.t.Fatal(err)
		}
	}
	cs.s.Invalidate()
}

// reset puts every discussion setting back to its default.
func (cs *commentSite) reset() {
	cs.t.Helper()
	defaults := map[string]string{}
	for _, k := range comment.Keys() {
		defaults[k.Name] = k.Default
	}
	cs.set(defaults)
}

// stored returns the comment stored with this text, failing when there is
// none.
func (cs *commentSite) stored(content string) *comment.Comment {
	cs.t.Helper()
	list, err := cs.st.Comments(context.Background(), store.CommentQuery{Limit: 1000})
	if err != nil {
		cs.t.Fatal(err)
	}
	for _, c := range list {
		if c.Content == content {
			return c
		}
	}
	cs.t.Fatalf("no stored comment %q", content)
	return nil
}

// count is how many comments are stored.
func (cs *commentSite) count() int {
	cs.t.Helper()
	list, err := cs.st.Comments(context.Background(), store.CommentQuery{Limit: 1000})
	if err != nil {
		cs.t.Fatal(err)
	}
	return len(list)
}

// approve moderates a comment as an editor would.
func (cs *commentSite) approve(id int64) {
	cs.t.Helper()
	if err := cs.st.SetCommentStatus(context.Background(), id, comment.StatusApproved, "editor"); err != nil {
		cs.t.Fatal(err)
	}
	cs.s.Invalidate()
}

// reader is one browser: its own address and cookie jar.
type reader struct {
	cs  *commentSite
	ip  string
	jar *cookiejar.Jar
}

func (cs *commentSite) reader(ip string) *reader {
	jar, _ := cookiejar.New(nil)
	return &reader{cs: cs, ip: ip, jar: jar}
}

// do sends a request as the browser would, with its cookies, and keeps the
// cookies the answer sets. body, when not nil, is sent as a form.
func (rd *reader) do(method, target string, body io.Reader, header ...string) (*http.Response, []byte) {
	rd.cs.t.Helper()
	u, err := url.Parse(testBaseURL + target)
	if err != nil {
		rd.cs.t.Fatal(err)
	}
	req := httptest.NewRequest(method, u.String(), body)
	req.RemoteAddr = rd.ip + ":40000"
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	for _, c := range rd.jar.Cookies(u) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	rd.cs.s.ServeHTTP(rec, req)
	res := rec.Result()
	rd.jar.SetCookies(u, res.Cookies())
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// page fetches a page that must answer 200.
func (rd *reader) page(target string) *html.Node {
	rd.cs.t.Helper()
	res, b := rd.do("GET", target, nil)
	if res.StatusCode != http.StatusOK {
		rd.cs.t.Fatalf("GET %s = %d", target, res.StatusCode)
	}
	return parseHTML(rd.cs.t, b)
}

// form reads #commentform on a page: its action and what a browser would
// send if the reader clicked Post Comment without typing.
func (rd *reader) form(doc *html.Node) (string, url.Values) {
	rd.cs.t.Helper()
	f := one(rd.cs.t, doc, "#commentform", tag("form", attrIs("id", "commentform")))
	vals := url.Values{}
	for _, in := range findAll(f, func(n *html.Node) bool {
		return n.Type == html.ElementNode && (n.Data == "input" || n.Data == "textarea") && attr(n, "name") != ""
	}) {
		name := attr(in, "name")
		switch {
		case in.Data == "textarea":
			vals.Set(name, textareaValue(in))
		case attr(in, "type") == "checkbox":
			if _, checked := attrMap(in)["checked"]; checked {
				vals.Set(name, attr(in, "value"))
			}
		default:
			vals.Set(name, attr(in, "value"))
		}
	}
	return attr(f, "action"), vals
}

func textareaValue(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

// post sends a form.
func (rd *reader) post(action string, vals url.Values) (*http.Response, []byte) {
	rd.cs.t.Helper()
	return rd.do("POST", action, strings.NewReader(vals.Encode()))
}

// typing is what a reader types into the form.
type typing struct {
	comment, author, email, url string
	consent                     bool
	honeypot                    string
}

// write loads a page, takes think time on the site's clock, fills in the
// form as typed and posts it by clicking Post Comment.
func (rd *reader) write(target string, think time.Duration, in typing) (*http.Response, []byte) {
	rd.cs.t.Helper()
	action, vals := rd.form(rd.page(target))
	rd.cs.clk.Add(think)
	vals.Set("comment", in.comment)
	vals.Set("author", in.author)
	vals.Set("email", in.email)
	vals.Set("url", in.url)
	if in.consent {
		vals.Set(consentField, "yes")
	}
	if in.honeypot != "" {
		vals.Set(honeypotField, in.honeypot)
	}
	return rd.post(action, vals)
}

// setCookie is the cookie of that name the response set, or nil.
func setCookie(res *http.Response, name string) *http.Cookie {
	i := slices.IndexFunc(res.Cookies(), func(c *http.Cookie) bool { return c.Name == name })
	if i < 0 {
		return nil
	}
	return res.Cookies()[i]
}

// commentNode is the <article id="comment-N"> on a page, or nil.
func commentNode(doc *html.Node, id int64) *html.Node {
	all := findAll(doc, tag("article", attrIs("id", (&comment.Comment{ID: id}).Anchor())))
	if len(all) == 0 {
		return nil
	}
	return all[0]
}

// followed fetches where a 303 sends the reader.
func (rd *reader) followed(res *http.Response) *html.Node {
	rd.cs.t.Helper()
	if res.StatusCode != http.StatusSeeOther {
		rd.cs.t.Fatalf("status %d, want 303", res.StatusCode)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "#")
	return rd.page(loc)
}
