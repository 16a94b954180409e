package syndication

import (
	"testing"

	"masthead/internal/article"
)

func TestDetectLicence(t *testing.T) {
	lic := func(name, url string) article.Licence { return article.Licence{Name: name, URL: url} }
	byND4 := lic("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/")
	byNCND4 := lic("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/")
	byNCND3 := lic("CC BY-NC-ND 3.0", "https://creativecommons.org/licenses/by-nc-nd/3.0/")
	by4 := lic("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
	by3 := lic("CC BY 3.0", "https://creativecommons.org/licenses/by/3.0/")
	bySA4 := lic("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
	cc0 := lic("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")

	tests := []struct {
		name string
		in   string
		want article.Licence // zero: not recognised
	}{
		// URLs
		{"licence URL", "https://creativecommons.org/licenses/by-nc-nd/4.0/", byNCND4},
		{"http URL without trailing slash", "http://creativecommons.org/licenses/by-nc-nd/3.0", byNCND3},
		{"URL without version", "https://creativecommons.org/licenses/by-nd/", byND4},
		{"deed page", "https://creativecommons.org/licenses/by-sa/4.0/deed.en", bySA4},
		{"legal code", "https://creativecommons.org/licenses/by/4.0/legalcode", by4},
		{"ported licence", "https://creativecommons.org/licenses/by-nd/3.0/au/",
			lic("CC BY-ND 3.0 AU", "https://creativecommons.org/licenses/by-nd/3.0/au/")},
		{"legacy term order", "http://creativecommons.org/licenses/by-nd-nc/1.0/",
			lic("CC BY-NC-ND 1.0", "https://creativecommons.org/licenses/by-nc-nd/1.0/")},
		{"URL inside a sentence", `This work is licensed under <a href="https://creativecommons.org/licenses/by/3.0/">a licence</a>.`, by3},
		{"CC0 URL", "https://creativecommons.org/publicdomain/zero/1.0/", cc0},
		{"public domain mark", "https://creativecommons.org/publicdomain/mark/1.0/",
			lic("Public Domain Mark 1.0", "https://creativecommons.org/publicdomain/mark/1.0/")},
		{"second URL recognised when the first is not a licence", "see creativecommons.org/about and creativecommons.org/licenses/by/4.0/", by4},

		// short codes
		{"code with version", "CC BY-NC-ND 3.0", byNCND3},
		{"code without version", "CC BY-ND", byND4},
		{"hyphenated code", "cc-by-4.0", by4},
		{"code in brackets", "Creative Commons Attribution 4.0 International (CC BY 4.0)", by4},
		{"code with v", "CC BY-SA v4.0", bySA4},
		{"CC0", "CC0", cc0},

		// wordings
		{"The Conversation", "Licensed as Creative Commons – attribution, no derivatives.", byND4},
		{"deed title", "Attribution-NoDerivatives 4.0 International", byND4},
		{"old deed title", "Creative Commons Attribution-NonCommercial-NoDerivs 3.0 Unported", byNCND3},
		{"share alike wording", "Creative Commons Attribution-ShareAlike", bySA4},
		{"non-commercial spelt apart", "creative commons attribution non-commercial no derivatives", byNCND4},
		{"attribution 3.0", "Attribution 3.0 Unported", by3},

		// not licences
		{"empty", "", article.Licence{}},
		{"all rights reserved", "© 2024 Example Wire Agency. All rights reserved.", article.Licence{}},
		{"copyright line", "Copyright 2024 Pro Publica Inc.", article.Licence{}},
		{"Creative Commons without terms", "Licensed under Creative Commons", article.Licence{}},
		{"attribution request", "Please give attribution when quoting.", article.Licence{}},
		{"impossible ND and SA", "CC BY-ND-SA 4.0", article.Licence{}},
		{"impossible URL", "https://creativecommons.org/licenses/nd-nc/1.0/", article.Licence{}},
		{"other site's URL", "https://example.org/licenses/by/4.0/", article.Licence{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DetectLicence(tt.in)
			if ok != (tt.want != article.Licence{}) || got != tt.want {
				t.Errorf("DetectLicence(%q) = %+v, %v; want %+v", tt.in, got, ok, tt.want)
			}
		})
	}
}
