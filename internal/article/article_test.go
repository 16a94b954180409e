package article

import (
	"testing"
	"time"
)

func TestParseAuthor(t *testing.T) {
	cases := []struct {
		name, in                     string
		wantName, wantRole, wantInst string
		wantByline                   string
	}{
		{"the reference byline",
			"Greg Barton, Chair in Global Islamic Politics, Alfred Deakin Institute for Citizenship and Globalisation; Scholar -In-Residence Asia Society Australia, Deakin University",
			"Greg Barton", "Chair in Global Islamic Politics, Alfred Deakin Institute for Citizenship and Globalisation; Scholar -In-Residence Asia Society Australia", "Deakin University",
			"Greg Barton, Deakin University"},
		{"name and institution", "Jane Doe, University of Leeds", "Jane Doe", "", "University of Leeds", "Jane Doe, University of Leeds"},
		{"name alone", "  Jane Doe ", "Jane Doe", "", "", "Jane Doe"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := ParseAuthor(tc.in)
			if a.Name != tc.wantName || a.Role != tc.wantRole || a.Institution != tc.wantInst {
				t.Errorf("ParseAuthor = %+v", a)
			}
			if a.Byline() != tc.wantByline {
				t.Errorf("Byline = %q, want %q", a.Byline(), tc.wantByline)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	cases := map[string]string{
		"Why would Islamic State attack Russia?": "why-would-islamic-state-attack-russia",
		"Café – Zürich’s  best":                  "cafe-zurich-s-best",
		"  --  ":                                 "",
		"Greg Barton":                            "greg-barton",
	}
	for in, want := range cases {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPathAndLicence(t *testing.T) {
	a := Article{Slug: "story", Published: time.Date(2024, 3, 24, 23, 0, 0, 0, time.FixedZone("AEDT", 11*3600))}
	if got := a.Path(); got != "/2024/03/story/" {
		t.Errorf("Path = %q: the date is taken in UTC", got)
	}
	if !(Licence{Name: "CC BY-ND 4.0"}).NoDerivatives() || (Licence{Name: "CC BY 4.0"}).NoDerivatives() {
		t.Error("NoDerivatives misreads the licence name")
	}
}
