package cli

import (
	"context"
	"strings"
	"testing"

	"masthead/internal/store/storetest"
)

func TestAPIKeyCommands(t *testing.T) {
	for _, db := range storetest.URLs(t) {
		t.Run(db.Dialect, func(t *testing.T) {
			code, out, stderr := run(t, nil, "apikey", "add", "--site", "https://blog.example", "--db", db.URL)
			if code != 0 {
				t.Fatalf("apikey add: exit %d: %s", code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			key := lines[len(lines)-1]
			if len(key) != 24 || strings.Trim(key, "0123456789abcdef") != "" {
				t.Fatalf("last line %q is not a key", key)
			}
			code, out, stderr = run(t, nil, "apikey", "add", "--site", "https://forum.example", "--rate-limit", "0", "--db", db.URL)
			if code != 0 || !strings.Contains(out, "no rate limit") {
				t.Fatalf("apikey add --rate-limit 0: exit %d, %q %s", code, out, stderr)
			}

			st := storetest.Open(t, db.URL)
			k, err := st.APIKey(context.Background(), key)
			if err != nil || k.Site != "https://blog.example" || k.RateLimit != defaultRateLimit || k.Revoked {
				t.Fatalf("stored key = %+v, %v", k, err)
			}

			if code, out, _ = run(t, nil, "apikey", "revoke", key, "--db", db.URL); code != 0 {
				t.Fatalf("revoke: exit %d", code)
			}
			code, out, _ = run(t, nil, "apikey", "list", "--db", db.URL)
			if code != 0 || !strings.Contains(out, key) || !strings.Contains(out, "https://forum.example") || !strings.Contains(out, "revoked") {
				t.Errorf("list: exit %d\n%s", code, out)
			}

			for _, bad := range [][]string{
				{"apikey", "add"},
				{"apikey", "add", "--site", "blog.example"},
				{"apikey", "add", "--site", "https://blog.example", "--rate-limit", "-1"},
				{"apikey", "frobnicate"},
				{"apikey"},
			} {
				if code, _, _ := run(t, nil, append(bad, "--db", db.URL)...); code != 2 {
					t.Errorf("%v: exit %d, want 2", bad, code)
				}
			}
			if code, _, _ := run(t, nil, "apikey", "revoke", "nosuchkey", "--db", db.URL); code != 1 {
				t.Errorf("revoke of an unknown key: exit %d, want 1", code)
			}
		})
	}
}
