package articles

import (
	"testing"

	"masthead/internal/article"
)

func TestLicenceOf(t *testing.T) {
	tests := []struct {
		name, value, url string
		want             article.Licence
	}{
		{"unset", "", "", article.Licence{Name: "All rights reserved"}},
		{"unset with a stray URL", " ", "https://example.org/terms", article.Licence{Name: "All rights reserved"}},
		{"Creative Commons code", "CC BY 4.0", "", article.Licence{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}},
		{"name and URL", "Our terms=https://example.org/terms", "", article.Licence{Name: "Our terms", URL: "https://example.org/terms"}},
		{"name, URL apart", "Our terms", "https://example.org/terms", article.Licence{Name: "Our terms", URL: "https://example.org/terms"}},
		{"URL only", "https://creativecommons.org/licenses/by-sa/4.0/", "", article.Licence{Name: "CC BY-SA 4.0", URL: "https://creativecommons.org/licenses/by-sa/4.0/"}},
		{"odd URL kept as a name", "Ours=ftp://x", "", article.Licence{Name: "Ours"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := licenceOf(tc.value, tc.url); got != tc.want {
				t.Errorf("licenceOf(%q, %q) = %+v, want %+v", tc.value, tc.url, got, tc.want)
			}
		})
	}
}
