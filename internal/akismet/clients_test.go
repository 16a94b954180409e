package akismet

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"masthead/internal/spam"
	"masthead/internal/store/storetest"
)

// clientsDir holds the npm Akismet clients the API is tested with; CI
// installs them with .ci/setup-clients (npm ci).
const clientsDir = "testdata/clients"

// requireClients says whether missing clients fail the test instead of
// skipping it: in CI, and wherever MASTHEAD_REQUIRE_CLIENTS=1.
func requireClients() bool {
	return os.Getenv("CI") == "true" || os.Getenv("MASTHEAD_REQUIRE_CLIENTS") == "1"
}

// TestWithTheDefaultModel runs what needs the model serve runs, trained
// once (it takes seconds under the race detector) and cloned per test.
func TestWithTheDefaultModel(t *testing.T) {
	base, err := spam.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("NodeClients", func(t *testing.T) { testNodeClients(t, base) })
	t.Run("GoClient", func(t *testing.T) { testGoClient(t, base) })
	t.Run("SubmitSpamTeachesIt", func(t *testing.T) { testSubmitSpamTeaches(t, base) })
}

// testNodeClients runs the npm packages akismet and akismet-api against
// the API. Both put the key in the Host's subdomain; resolve.js sends
// *.akismet.test to 127.0.0.1.
func testNodeClients(t *testing.T, base *spam.Model) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(clientsDir, "node_modules", "akismet-api"))
	}
	if err != nil {
		msg := "the npm Akismet clients are not installed (" + err.Error() + "); run .ci/setup-clients"
		if requireClients() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	e := newEnvWith(t, storetest.Open(t, storetest.URLs(t)[0].URL), base.Clone())
	e.clock.useRealTime() // the clients send real dates
	port := e.srv.Listener.Addr().(*net.TCPAddr).Port

	for _, tc := range []struct {
		script string
		want   map[string]any
	}{
		{"akismet.js", map[string]any{"verify": true, "spam": true, "ham": false, "submitSpam": "ok", "submitHam": "ok"}},
		{"akismet-api.js", map[string]any{"verify": true, "spam": true, "ham": false,
			"submitSpam": bodyThanks, "submitHam": bodyThanks,
			"badKeyVerify": false, "badKeyCheck": "error: Invalid API key"}},
	} {
		t.Run(tc.script, func(t *testing.T) {
			before, _ := e.st.SpamEventsAfter(context.Background(), 0, 1000)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, node, "-r", "./resolve.js", tc.script, itoa(int64(port)), testKey)
			cmd.Dir = clientsDir
			out, err := cmd.Output()
			if err != nil {
				var stderr string
				if ee, ok := err.(*exec.ExitError); ok {
					stderr = string(ee.Stderr)
				}
				t.Fatalf("%s: %v\n%s%s", tc.script, err, out, stderr)
			}
			var got map[string]any
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%s printed %q: %v", tc.script, out, err)
			}
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s: %s = %v, want %v", tc.script, k, got[k], want)
				}
			}
			after, _ := e.st.SpamEventsAfter(context.Background(), 0, 1000)
			if n := len(after) - len(before); n != 2 {
				t.Errorf("%s: submit-spam and submit-ham added %d events to the learning log, want 2", tc.script, n)
			}
		})
	}
}

// testGoClient speaks to the API as a Go Akismet client does: the key in
// the Host's subdomain, reached through a transport whose dialer sends
// *.akismet.test to the test server, and dates in RFC 3339.
func testGoClient(t *testing.T, base *spam.Model) {
	e := newEnvWith(t, storetest.Open(t, storetest.URLs(t)[0].URL), base.Clone())
	addr := e.srv.Listener.Addr().String()
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, hostport string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(hostport)
			if err == nil && (host == "akismet.test" || strings.HasSuffix(host, ".akismet.test")) {
				hostport = addr
			}
			return dialer.DialContext(ctx, network, hostport)
		},
	}}
	post := func(rawURL string, form url.Values) string {
		t.Helper()
		resp, err := client.PostForm(rawURL, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", rawURL, resp.StatusCode)
		}
		return strings.TrimSpace(string(b))
	}
	api := "http://" + testKey + ".akismet.test/1.1/"
	msg := url.Values{
		"blog": {"https://blog.example"}, "user_ip": {"198.51.100.4"}, "user_agent": {"Go-http-client/1.1"},
		"comment_type": {"comment"}, "comment_author": {"Gopher"}, "comment_content": {"a reply from the Go client"},
		"comment_date_gmt": {time.Now().UTC().Format(time.RFC3339)},
	}
	if got := post("http://akismet.test/1.1/verify-key", url.Values{"key": {testKey}, "blog": {"https://blog.example"}}); got != "valid" {
		t.Errorf("verify-key: %q", got)
	}
	if got := post(api+"comment-check", msg); got != "false" {
		t.Errorf("comment-check, ordinary: %q", got)
	}
	spammy := withParam(msg, "comment_author", "akismet-guaranteed-spam")
	if got := post(api+"comment-check", spammy); got != "true" {
		t.Errorf("comment-check, guaranteed spam: %q", got)
	}
	if got := post(api+"submit-spam", msg); got != bodyThanks {
		t.Errorf("submit-spam: %q", got)
	}
	if got := post(api+"comment-check", msg); got != "true" {
		t.Errorf("comment-check after submit-spam: %q", got)
	}
	if got := post(api+"submit-ham", msg); got != bodyThanks {
		t.Errorf("submit-ham: %q", got)
	}
}

// testSubmitSpamTeaches: with the model serve runs, one report changes the next verdict,
// on this instance at once and on a restarted one from the learning log.
func testSubmitSpamTeaches(t *testing.T, base *spam.Model) {
	db := storetest.URLs(t)[0].URL
	e := newEnvWith(t, storetest.Open(t, db), base.Clone())
	c := comment("comment_author", "Dana Whitfield", "comment_author_email", "dana.w@inbox.example",
		"comment_content", "Interesting perspective on the housing market, I shared it with my neighbours.")
	if r := e.call("/1.1/comment-check", "", c); r.body != "false" {
		t.Fatalf("before any report: %q, want false", r.body)
	}
	if r := e.call("/1.1/submit-spam", "", c); r.body != bodyThanks {
		t.Fatalf("submit-spam: %q", r.body)
	}
	if r := e.call("/1.1/comment-check", "", c); r.body != "true" {
		t.Errorf("after submit-spam: %q, want true", r.body)
	}
	restarted := newEnvWith(t, storetest.Open(t, db), base.Clone())
	if _, err := restarted.f.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := restarted.call("/1.1/comment-check", "", c); r.body != "true" {
		t.Errorf("after a restart: %q, want true", r.body)
	}
}
