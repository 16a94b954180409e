package admintest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

// Browser is a client with its own cookies that does not follow
// redirects, so tests see each 303 and where it points.
type Browser struct {
	env    *Env
	Client *http.Client
	Header http.Header // sent with every request
	CSRF   string      // the session's token, once signed in
}

// Browser is a new client with no cookies.
func (e *Env) Browser() *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{env: e, Header: http.Header{}, Client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Page is a response with its body read.
type Page struct {
	Status int
	Header http.Header
	Body   string
}

// Location is where a redirect points.
func (p Page) Location() string { return p.Header.Get("Location") }

// Do sends a request to the test server; form, when not nil, is the body.
func (b *Browser) Do(method, path string, form url.Values) Page {
	b.env.T.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.env.Server.URL+path, body)
	if err != nil {
		b.env.T.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range b.Header {
		req.Header[k] = v
	}
	resp, err := b.Client.Do(req)
	if err != nil {
		b.env.T.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return Page{Status: resp.StatusCode, Header: resp.Header, Body: string(raw)}
}

// Get fetches path.
func (b *Browser) Get(path string) Page { return b.Do("GET", path, nil) }

// Post sends form as it is, token or none: for tests of what is refused.
func (b *Browser) Post(path string, form url.Values) Page { return b.Do("POST", path, form) }

// Submit sends form with the session's CSRF token, as the page's form
// would, unless form carries a token of its own.
func (b *Browser) Submit(path string, form url.Values) Page {
	b.env.T.Helper()
	if form == nil {
		form = url.Values{}
	}
	if !form.Has("csrf") {
		form.Set("csrf", b.CSRF)
	}
	return b.Post(path, form)
}

// Follow GETs where a 303 points, and ends the test on any other status.
func (b *Browser) Follow(p Page) Page {
	b.env.T.Helper()
	if p.Status != http.StatusSeeOther {
		b.env.T.Fatalf("status %d, want 303\n%s", p.Status, p.Body)
	}
	return b.Get(p.Location())
}

// CSRFField finds a form's CSRF token.
func CSRFField() *regexp.Regexp { return regexp.MustCompile(`name="csrf" value="([^"]+)"`) }

// Token is the CSRF token of the first form on the page at path.
func (b *Browser) Token(path string) string {
	b.env.T.Helper()
	p := b.Get(path)
	m := CSRFField().FindStringSubmatch(p.Body)
	if m == nil {
		b.env.T.Fatalf("GET %s (%d) has no CSRF field", path, p.Status)
	}
	return m[1]
}

// Cookie is the browser's cookie of that name for the back office, or nil.
func (b *Browser) Cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.env.Server.URL + "/admin/")
	for _, c := range b.Client.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}
