package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/store/storetest"
)

// run runs the command line in-process and returns exit status and output.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
	})
	return code, out.String(), errOut.String()
}

func TestImportFeedTwice(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			code, first, stderr := run(t, nil, "import", "feed", "testdata/conversation-sample.atom", "--db", db.URL)
			if code != 0 {
				t.Fatalf("import exit %d: %s", code, stderr)
			}
			want := "/2024/03/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally/\n"
			if first != want {
				t.Errorf("import printed %q, want %q", first, want)
			}
			// Flags before the arguments, and the database from the environment.
			code, second, stderr := run(t, map[string]string{"MASTHEAD_DB": db.URL}, "import", "feed", "testdata/conversation-sample.atom")
			if code != 0 || second != first {
				t.Fatalf("second import exit %d printed %q (stderr %s), want %q", code, second, stderr, first)
			}
			st := storetest.Open(t, db.URL)
			list, total, err := st.Articles(context.Background(), storeQueryAll())
			if err != nil || total != 1 || len(list) != 1 {
				t.Fatalf("after two imports: %d articles (%v), want 1", total, err)
			}
		})
	}
}

func TestImportBadInput(t *testing.T) {
	cases := []struct {
		name, file, wantErr string
	}{
		{"html page", "testdata/not-a-feed.html", "feed"},
		{"truncated feed", "testdata/truncated.atom", ""},
		{"entry without id", "testdata/no-id.atom", "id"},
		{"missing file", "testdata/nope.atom", "no such file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := "sqlite:" + t.TempDir() + "/m.db"
			code, out, stderr := run(t, nil, "import", "feed", tc.file, "--db", db)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stdout %q)", code, out)
			}
			if out != "" {
				t.Errorf("printed paths for a rejected feed: %q", out)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("stderr = %q, want one line mentioning %q", stderr, tc.wantErr)
			}
			if tc.name == "missing file" {
				return
			}
			st := storetest.Open(t, db)
			if _, total, _ := st.Articles(context.Background(), storeQueryAll()); total != 0 {
				t.Errorf("%d articles imported from a rejected feed", total)
			}
		})
	}
}

func TestBadDatabaseURL(t *testing.T) {
	for _, url := range []string{"mysql://x", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"} {
		code, _, stderr := run(t, nil, "migrate", "--db", url)
		if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("--db %s: exit %d, stderr %q; want 1 and one line", url, code, stderr)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, name := range []string{"serve", "migrate", "import", "demo"} {
		code, out, _ := run(t, nil, name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: masthead "+name) || !strings.Contains(out, "-db") {
			t.Errorf("%s --help: exit %d, output %q", name, code, out)
		}
	}
	if code, _, stderr := run(t, nil, "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
}

// syncBuffer lets the test read what serve prints while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeDemoAndShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan int, 1)
	db := "sqlite:" + t.TempDir() + "/m.db"
	go func() {
		done <- Run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", db},
			Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: io.Discard, Getenv: func(string) string { return "" }})
	}()
	var addr string
	// Start-up trains the spam model, which takes a while under -race.
	for i := 0; i < 2400 && addr == ""; i++ {
		time.Sleep(25 * time.Millisecond)
		if _, a, ok := strings.Cut(out.String(), " on "); ok {
			addr = strings.TrimSpace(a)
		}
	}
	if addr == "" {
		t.Fatalf("serve printed no address: %q", out.String())
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get("http://" + addr + "/2024/03/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Why would Islamic State attack Russia") {
		t.Fatalf("demo article: status %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown, want 0", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}
