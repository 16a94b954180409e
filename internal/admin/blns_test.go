package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"masthead/internal/admin"
	"masthead/internal/admin/admintest"
	"masthead/internal/browsertest"
)

// scan walks a parsed page and collects what the test checks: the users
// table's names, the name field's value, and anything that could run.
type scan struct {
	names     []string
	nameInput string
	scripts   []string // src of each <script>
	handlers  []string // on* attributes, javascript: URLs
}

func scanPage(t *testing.T, body string) scan {
	t.Helper()
	var s scan
	admintest.Elements(t, body, func(n *html.Node, attrs map[string]string) {
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				s.handlers = append(s.handlers, n.Data+" "+a.Key+"="+a.Val)
			}
		}
		switch {
		case n.Data == "script":
			s.scripts = append(s.scripts, attrs["src"])
		case n.Data == "td" && attrs["class"] == "name":
			var text strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.TextNode {
					t.Errorf("a name cell holds a <%s> element", c.Data)
					continue
				}
				text.WriteString(c.Data)
			}
			s.names = append(s.names, text.String())
		case n.Data == "input" && attrs["id"] == "name":
			s.nameInput = attrs["value"]
		}
	})
	return s
}

func (s scan) harmless(t *testing.T, what string) {
	t.Helper()
	if len(s.scripts) != 1 || !strings.HasPrefix(s.scripts[0], "/admin/static/admin.js?v=") {
		t.Errorf("%s: scripts %q, want only the admin's own", what, s.scripts)
	}
	if len(s.handlers) > 0 {
		t.Errorf("%s: event handlers or javascript: URLs in the page: %q", what, s.handlers)
	}
}

func TestNaughtyNamesShowAsText(t *testing.T) {
	list := admintest.NaughtyStrings(t, ".")
	each(t, func(t *testing.T, e *env) {
		const adminName = `<script>alert("admin")</script>`
		e.User(admin.RoleAdmin, adminName, "ada@example.org")
		b := e.Browser()
		csrf := b.MustSignIn("ada@example.org")

		want := []string{adminName}
		for i, name := range list {
			form := url.Values{"csrf": {csrf}, "email": {"n" + itoa(int64(i)) + "@example.org"},
				"name": {name}, "role": {"moderator"}, "password": {admintest.Password}}
			p := b.Post("/admin/users", form)
			switch p.Status {
			case http.StatusSeeOther:
				want = append(want, strings.TrimSpace(name))
			case http.StatusUnprocessableEntity:
				// Refused, and shown back in the field exactly as typed.
				s := scanPage(t, p.Body)
				s.harmless(t, "refused name "+itoa(int64(i)))
				if s.nameInput != admintest.AsParsed(name) {
					t.Errorf("string %d refused, and the field shows %q, want %q", i, s.nameInput, name)
				}
			default:
				t.Fatalf("string %d (%q): status %d", i, name, p.Status)
			}
		}
		if len(want) < len(list)*9/10 {
			t.Fatalf("only %d of %d strings were accepted as names", len(want)-1, len(list))
		}

		p := b.Get("/admin/users")
		s := scanPage(t, p.Body)
		s.harmless(t, "users page")
		if len(s.names) != len(want) {
			t.Fatalf("the users page shows %d names, want %d", len(s.names), len(want))
		}
		for i := range want {
			if s.names[i] != admintest.AsParsed(want[i]) {
				t.Errorf("row %d shows %q, want %q", i, s.names[i], want[i])
			}
		}
		if e.Store.Dialect() == "sqlite" {
			naughtyInBrowser(t, e, len(want))
		}
	})
}

// naughtyInBrowser opens the users page in Chromium: no string may open a
// dialog or add a script, and every name is in the table as text.
func naughtyInBrowser(t *testing.T, e *env, rows int) {
	ctx := browsertest.Start(t)
	dialogs := chromedp.Events(ctx, cdpage.JavascriptDialogOpening)
	opened := make(chan string, 100)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			opened <- ev.Message
			chromedp.Call(ctx, cdpage.HandleJavaScriptDialog, cdpage.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	err := e.SignInChrome(ctx, "ada@example.org")
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(e.Server.URL+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS("table.users")),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "users-naughty")
	type pageState struct {
		Scripts int    `json:"scripts"`
		Cells   int    `json:"cells"`
		Me      string `json:"me"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](`({
		scripts: document.scripts.length,
		cells: document.querySelectorAll("td.name").length,
		me: document.querySelector(".me .name").textContent,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Scripts != 1 || got.Cells != rows || got.Me != `<script>alert("admin")</script>` {
		t.Errorf("in the browser: %+v; want 1 script, %d name cells, the admin's name as text", got, rows)
	}
	select {
	case msg := <-opened:
		t.Errorf("a naughty string opened a dialog: %q", msg)
	default:
	}
}
