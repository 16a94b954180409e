package admintest

import (
	"strings"
	"testing"
)

// MustContain reports each of wants that body, described as what, lacks.
func MustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}
