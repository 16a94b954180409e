package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"masthead/internal/comment"
	"masthead/internal/store"
	"masthead/internal/store/storetest"
)

// TestThreadDepthAndPaging builds a thread through the pages' own reply
// links and checks how readers see it: nested to thread_comments_depth,
// paged by comments_per_page at /comment-page-N/ and ?cpage=N, ordered by
// comment_order.
func TestThreadDepthAndPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0", "comment_flood_seconds": "0",
			"thread_comments_depth": "2", "comments_per_page": "2"}, nil)
		rd := cs.reader("192.0.2.30")
		post := func(page, text string) (*comment.Comment, *http.Response) {
			t.Helper()
			res, body := rd.write(page, 10*time.Second, typing{comment: text, author: "Author of " + text, email: "a@example.org"})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("post %q: %d\n%s", text, res.StatusCode, body)
			}
			return cs.stored(text), res
		}
		// replyPage follows a comment's Reply link, as a reader without
		// scripts does.
		replyPage := func(page string, id int64) string {
			t.Helper()
			link := one(t, commentNode(rd.page(page), id), "reply link", tag("a", hasClass("comment-reply-link")))
			href, _, _ := strings.Cut(attr(link, "href"), "#")
			return href
		}
		path := cs.a.Path()
		c1, _ := post(path, "one")
		c2, _ := post(replyPage(path, c1.ID), "two, replying to one")
		if c2.ParentID != c1.ID {
			t.Fatalf("reply stored with parent %d", c2.ParentID)
		}
		// Two is at the deepest level: it offers no Reply link.
		if n := findAll(commentNode(rd.page(path), c2.ID), tag("a", hasClass("comment-reply-link"))); len(n) != 0 {
			t.Error("a comment at thread_comments_depth offers a reply")
		}
		// A reply to two through the WordPress field still works and
		// lands beside it, at depth 2.
		action, vals := rd.form(rd.page(path))
		cs.clk.Add(10 * time.Second)
		vals.Set("comment", "three, replying to two")
		vals.Set("author", "Third")
		vals.Set("email", "c@example.org")
		vals.Set("comment_parent", fmt.Sprint(c2.ID))
		if res, _ := rd.post(action, vals); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply to two: %d", res.StatusCode)
		}
		c3 := cs.stored("three, replying to two")
		c4, _ := post(path, "four")
		c5, res := post(path, "five")
		if loc := res.Header.Get("Location"); loc != path+"comment-page-2/#comment-"+fmt.Sprint(c5.ID) {
			t.Errorf("the comment landing on page 2 is sent to %q", loc)
		}

		page1 := rd.page(path)
		if got := threadShape(page1); got != fmt.Sprintf("%d[%d %d] %d", c1.ID, c2.ID, c3.ID, c4.ID) {
			t.Errorf("page 1 = %s", got)
		}
		nav := one(t, page1, "comment pages", tag("nav", hasClass("comment-navigation")))
		if next := one(t, nav, "next", tag("a", attrIs("rel", "next"))); attr(next, "href") != path+"comment-page-2/#comments" {
			t.Errorf("next page link %q", attr(next, "href"))
		}
		if h := text(one(t, page1, "heading", tag("h2", attrIs("id", "comments-title")))); h != "5 Comments" {
			t.Errorf("heading %q", h)
		}
		for _, addr := range []string{path + "comment-page-2/", path + "?cpage=2", path + "?cpage=2&utm_source=x"} {
			if got := threadShape(rd.page(addr)); got != fmt.Sprint(c5.ID) {
				t.Errorf("%s = %s", addr, got)
			}
		}
		for addr, code := range map[string]int{path + "comment-page-3/": 404, path + "?cpage=3": 404, path + "?cpage=x": 404,
			path + "comment-page-1/": 301, path + "comment-page-01/": 404} {
			if res, _ := rd.do("GET", addr, nil); res.StatusCode != code {
				t.Errorf("%s = %d, want %d", addr, res.StatusCode, code)
			}
		}

		cs.set(map[string]string{"comment_order": "desc"})
		if got := threadShape(rd.page(path)); got != fmt.Sprintf("%d %d", c5.ID, c4.ID) {
			t.Errorf("newest first, page 1 = %s", got)
		}
		cs.set(map[string]string{"thread_comments": "0", "comment_order": "asc", "comments_per_page": "0"})
		if got := threadShape(rd.page(path)); got != fmt.Sprintf("%d %d %d %d %d", c1.ID, c2.ID, c3.ID, c4.ID, c5.ID) {
			t.Errorf("threading off, one page = %s", got)
		}
	})
}

// threadShape prints a page's comments as "id[replies] id".
func threadShape(doc *html.Node) string {
	list := findAll(doc, tag("ol", hasClass("comment-list")))
	if len(list) == 0 {
		return ""
	}
	var walk func(ol *html.Node) string
	walk = func(ol *html.Node) string {
		var parts []string
		for li := ol.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || li.Data != "li" {
				continue
			}
			var s string
			for c := li.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type == html.ElementNode && c.Data == "article":
					s = strings.TrimPrefix(attr(c, "id"), "comment-")
				case c.Type == html.ElementNode && c.Data == "ol":
					s += "[" + walk(c) + "]"
				}
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " ")
	}
	return walk(list[0])
}

// TestReplyWithoutScript follows ?replytocom=N: the form answers that
// comment, says so, offers to cancel, and keeps the page out of search.
func TestReplyWithoutScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_previously_approved": "0"}, nil)
		rd := cs.reader("192.0.2.31")
		if res, _ := rd.write(cs.a.Path(), 30*time.Second, typing{comment: "Worth answering.", author: "Ann", email: "ann@example.org"}); res.StatusCode != http.StatusSeeOther {
			t.Fatal(res.StatusCode)
		}
		c := cs.stored("Worth answering.")
		doc := rd.page(cs.a.Path() + "?replytocom=" + fmt.Sprint(c.ID))
		respond := one(t, doc, "#respond", tag("div", attrIs("id", "respond")))
		if title := text(one(t, respond, "title", tag("h3"))); title != "Reply to Ann" {
			t.Errorf("title %q", title)
		}
		cancel := one(t, respond, "cancel", tag("a", attrIs("id", "cancel-comment-reply-link")))
		if _, hidden := attrMap(cancel.Parent)["hidden"]; hidden || text(cancel) != "Cancel reply" || attr(cancel, "href") != cs.a.Path()+"#respond" {
			t.Errorf("cancel link %v hidden=%v", cancel.Attr, hidden)
		}
		if _, vals := rd.form(doc); vals.Get("comment_parent") != fmt.Sprint(c.ID) {
			t.Errorf("comment_parent = %q", vals.Get("comment_parent"))
		}
		one(t, doc, "noindex", tag("meta", attrIs("name", "robots"), attrIs("content", "noindex")))
		// On the plain page the form is a plain comment, the cancel link hidden.
		plain := rd.page(cs.a.Path())
		if _, hidden := attrMap(one(t, plain, "cancel", tag("p", hasClass("cancel-reply"))))["hidden"]; !hidden {
			t.Error("cancel link shown on the plain page")
		}
		// A reply link to a comment that is not there leads to the page.
		res, _ := rd.do("GET", cs.a.Path()+"?replytocom=999999", nil)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != cs.a.Path()+"#respond" {
			t.Errorf("replytocom to nothing: %d -> %q", res.StatusCode, res.Header.Get("Location"))
		}
	})
}

// TestCountWording counts approved comments only, in WordPress's words.
func TestCountWording(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		cs := newCommentSite(t, st, map[string]string{"comment_flood_seconds": "0"}, nil)
		heading := func() string {
			return text(one(t, cs.reader("198.51.100.1").page(cs.a.Path()), "heading", tag("h2", attrIs("id", "comments-title"))))
		}
		if h := heading(); h != `Be the first to comment on "`+refHeadline+`"` {
			t.Errorf("no comments: %q", h)
		}
		rd := cs.reader("192.0.2.32")
		var ids []int64
		for i := range 3 {
			rd.write(cs.a.Path(), 10*time.Second, typing{comment: fmt.Sprintf("held %d", i), author: "Ann", email: "ann@example.org"})
			ids = append(ids, cs.stored(fmt.Sprintf("held %d", i)).ID)
		}
		if h := heading(); h != `Be the first to comment on "`+refHeadline+`"` {
			t.Errorf("three held comments: %q", h)
		}
		cs.approve(ids[0])
		if h := heading(); h != "1 Comment" {
			t.Errorf("one approved: %q", h)
		}
		cs.approve(ids[1])
		if h := heading(); h != "2 Comments" {
			t.Errorf("two approved: %q", h)
		}
	})
}
