package syndication

import (
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/article"
)

func TestProPublicaRSS(t *testing.T) {
	f := parseFile(t, "propublica.rss", "https://www.propublica.org/feeds/propublica/main")
	check(t, "feed Licence", f.Licence, article.Licence{Name: "CC BY-NC-ND 3.0", URL: "https://creativecommons.org/licenses/by-nc-nd/3.0/"})
	check(t, "feed Rights", f.Rights, "Copyright 2024 Pro Publica Inc.")
	if len(f.Entries) != 2 {
		t.Fatalf("got %d entries, want 2", len(f.Entries))
	}

	a := f.Entries[0].Article
	check(t, "Headline", a.Headline, "How a Hospital Chain Sued Thousands of Its Own Patients")
	check(t, "Summary (from description, as text)", a.Summary, "Patients who could not pay were taken to court & had wages garnished.")
	check(t, "UpstreamID (guid)", a.Source.UpstreamID, "propublica-article-102938")
	check(t, "OriginalURL", a.Source.OriginalURL, "https://www.propublica.org/article/hospital-chain-sued-patients")
	check(t, "Source.Name", a.Source.Name, "ProPublica")
	check(t, "Slug", a.Slug, "hospital-chain-sued-patients")
	check(t, "Licence (the feed's)", a.Licence.Name, "CC BY-NC-ND 3.0")
	check(t, "Published", a.Published, time.Date(2024, 3, 19, 10, 0, 0, 0, time.UTC))
	check(t, "Image (media:content)", a.Image, article.Image{
		URL:     "https://img.propublica.org/lead/hospital-lead.jpg",
		Caption: "Hospital billing office.",
		Credit:  "Ann Lee for ProPublica",
	})
	if want := []string{"Health Care", "Debt"}; !slices.Equal(a.Tags, want) {
		t.Errorf("Tags = %q, want %q (duplicates dropped)", a.Tags, want)
	}
	wantAuthors := []article.Author{
		{Name: "Jane Doe"},
		{Name: "John Roe", Institution: "ProPublica", Bio: "John Roe, ProPublica"},
	}
	if !slices.Equal(a.Authors, wantAuthors) {
		t.Errorf("Authors = %+v, want %+v", a.Authors, wantAuthors)
	}

	body := a.BodyHTML
	for _, must := range []string{
		`<a href="https://www.propublica.org/article/earlier-story">Read our earlier story</a>`, // relative link resolved
		`<a href="#note-1">1</a>`, // in-page link left alone
		`<img src="https://www.propublica.org/images/hospital.jpg" srcset="https://www.propublica.org/images/hospital-2x.jpg 2x" alt="A hospital entrance at night">`,
		`<img src="https://pixel.propublica.org/pixel.gif?story=102938" width="1" height="1" alt="">`, // tracking pixel kept
		`<p>The hospital <em>declined</em> to comment.</p>`,
	} {
		if !strings.Contains(body, must) {
			t.Errorf("body lacks %s\nbody: %s", must, body)
		}
	}
	for _, mustNot := range []string{"<script", "trackView", "onclick"} {
		if strings.Contains(body, mustNot) {
			t.Errorf("body kept %q", mustNot)
		}
	}

	b := f.Entries[1].Article
	check(t, "second: author from e-mail form", len(b.Authors) == 1 && b.Authors[0].Name == "Maria Garcia", true)
	check(t, "second: body from description", b.BodyHTML, "<p>A short summary only, with no full text.</p>")
	check(t, "second: no summary beside it", b.Summary, "")
	check(t, "second: Published in UTC", b.Published, time.Date(2024, 3, 20, 12, 30, 0, 0, time.UTC))
	check(t, "second: UpdatedRaw", f.Entries[1].UpdatedRaw, "Wed, 20 Mar 2024 08:30:00 -0400")
}

func TestGlobalVoicesRSS(t *testing.T) {
	f := parseFile(t, "globalvoices.rss", "https://globalvoices.org/feed/")
	byCC := article.Licence{Name: "CC BY 3.0", URL: "https://creativecommons.org/licenses/by/3.0/"}
	check(t, "feed Licence (atom:link rel=license)", f.Licence, byCC)
	if len(f.Entries) != 3 {
		t.Fatalf("got %d entries, want 3", len(f.Entries))
	}

	tests := []struct {
		name         string
		entry        Entry
		licence      article.Licence
		entryLicence article.Licence
		rights       string
		slug         string
	}{
		{"inherits the feed's licence", f.Entries[0], byCC, article.Licence{}, "",
			"nigerian-farmers-turn-to-whatsapp-to-fight-crop-disease"},
		{"own unrecognised rights are not overridden by the feed's licence", f.Entries[1], article.Licence{}, article.Licence{},
			"Photos © Example Wire Agency. All rights reserved.", "wire-photo-essay-lagos-at-night"},
		{"own licence link wins", f.Entries[2],
			article.Licence{Name: "CC BY-SA 4.0", URL: "https://creativecommons.org/licenses/by-sa/4.0/"},
			article.Licence{Name: "CC BY-SA 4.0", URL: "https://creativecommons.org/licenses/by-sa/4.0/"}, "", "sharing-under-cc-by-sa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, "Article.Licence", tt.entry.Article.Licence, tt.licence)
			check(t, "Entry.Licence", tt.entry.Licence, tt.entryLicence)
			check(t, "Rights", tt.entry.Rights, tt.rights)
			check(t, "Slug", tt.entry.Article.Slug, tt.slug)
			check(t, "Source.Name", tt.entry.Article.Source.Name, "Global Voices")
		})
	}

	a := f.Entries[0].Article
	check(t, "author (CDATA dc:creator)", len(a.Authors) == 1 && a.Authors[0].Name == "Adaeze Okafor", true)
	check(t, "Summary (entity decoded)", a.Summary, "Farmers share photos of sick plants …")
	if !strings.Contains(a.BodyHTML, `target="_blank" rel="noopener"`) {
		t.Errorf("target=_blank link lacks rel=noopener: %s", a.BodyHTML)
	}
}

func TestMultiAuthorAtom(t *testing.T) {
	f := parseFile(t, "multi-author.atom", "https://example.edu/news/feed.atom")
	check(t, "feed HomeURL (relative, resolved against the feed URL)", f.HomeURL, "https://example.edu/news/")
	check(t, "feed Licence (link rel=license)", f.Licence.Name, "CC BY-ND 4.0")
	if len(f.Entries) != 2 {
		t.Fatalf("got %d entries, want 2", len(f.Entries))
	}

	a := f.Entries[0].Article
	wantAuthors := []article.Author{
		{
			Name: "Amira Haddad", Role: "Lecturer in Marine Biology", Institution: "University of Queensland",
			ProfileURL: "https://example.edu/people/amira-haddad",
			Bio:        "Amira Haddad, Lecturer in Marine Biology, University of Queensland",
		},
		{
			Name: "Tom Nguyen", Role: "Research Fellow", Institution: "James Cook University",
			ProfileURL: "https://example.edu/people/tom-nguyen",
			Bio:        "Tom Nguyen, Research Fellow, James Cook University",
		},
	}
	if !slices.Equal(a.Authors, wantAuthors) {
		t.Errorf("Authors =\n%+v\nwant\n%+v", a.Authors, wantAuthors)
	}
	check(t, "Headline (html title as text)", a.Headline, "Coral reefs recover faster than expected")
	check(t, "Summary (html summary as text)", a.Summary, "Reefs & recovery.")
	check(t, "OriginalURL (xml:base, HTML alternate preferred)", a.Source.OriginalURL, "https://media.example.edu/stories/2024/coral-reefs-recover-1001")
	check(t, "Slug (numeric id dropped)", a.Slug, "coral-reefs-recover")
	check(t, "Source.Name (title without its suffix)", a.Source.Name, "Campus Research News")
	check(t, "Licence (inherited)", a.Licence.Name, "CC BY-ND 4.0")
	check(t, "Published (UTC)", a.Published, time.Date(2024, 3, 18, 23, 0, 0, 0, time.UTC))
	if want := []string{"Oceans", "climate"}; !slices.Equal(a.Tags, want) {
		t.Errorf("Tags = %q, want %q (label, else term)", a.Tags, want)
	}
	for _, must := range []string{
		`href="https://media.example.edu/stories/2024/data/chart.html"`,
		`src="https://media.example.edu/stories/2024/img/reef.jpg"`,
	} {
		if !strings.Contains(a.BodyHTML, must) {
			t.Errorf("body lacks xml:base-resolved %s: %s", must, a.BodyHTML)
		}
	}

	b := f.Entries[1].Article
	check(t, "second: feed author inherited", len(b.Authors) == 1 && b.Authors[0].Byline() == "Newsroom, Example University", true)
	check(t, "second: relative link resolved against the feed URL", strings.Contains(b.BodyHTML, `href="https://example.edu/contact"`), true)
	check(t, "second: Published from updated", b.Published, time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC))
}

func TestJSONFeed(t *testing.T) {
	f := parseFile(t, "feed.json", "https://health.example.org/feed.json")
	check(t, "feed Title", f.Title, "Example Health News")
	check(t, "feed HomeURL", f.HomeURL, "https://health.example.org/")
	check(t, "feed Licence (_license)", f.Licence.Name, "CC BY-NC-ND 4.0")
	if len(f.Entries) != 2 {
		t.Fatalf("got %d entries, want 2", len(f.Entries))
	}

	a := f.Entries[0].Article
	check(t, "Headline", a.Headline, "Rural clinic closures leave patients driving hours for care")
	check(t, "Summary", a.Summary, "Three counties lost their last clinic this year.")
	check(t, "Slug", a.Slug, "clinic-closures")
	check(t, "Image (separate, relative)", a.Image.URL, "https://health.example.org/img/clinic-lead.jpg")
	check(t, "Published", a.Published, time.Date(2024, 3, 18, 13, 0, 0, 0, time.UTC))
	check(t, "Updated", a.Updated, time.Date(2024, 3, 18, 15, 0, 0, 0, time.UTC))
	check(t, "BodyHTML", a.BodyHTML, `<p>Three counties lost their <strong>last</strong> clinic.</p><p><img src="https://health.example.org/img/clinic.jpg" alt="x"></p>`)
	if want := []string{"Rural Health", "Clinics"}; !slices.Equal(a.Tags, want) {
		t.Errorf("Tags = %q, want %q", a.Tags, want)
	}
	if len(a.Authors) != 2 {
		t.Fatalf("got %d authors, want 2", len(a.Authors))
	}
	check(t, "first author", a.Authors[0].Byline(), "Rosa Martinez, Example Health News")
	check(t, "first author profile", a.Authors[0].ProfileURL, "https://health.example.org/staff/rosa")
	check(t, "javascript: profile URL dropped", a.Authors[1].ProfileURL, "")

	b := f.Entries[1].Article
	check(t, "numeric id coerced", b.Source.UpstreamID, "42")
	check(t, "content_text as escaped paragraphs", b.BodyHTML, "<p>First paragraph &amp; more.</p>\n<p>Second &lt;paragraph&gt;.</p>")
	check(t, "item _license", b.Licence.Name, "CC BY 4.0")
	check(t, "feed author inherited", len(b.Authors) == 1 && b.Authors[0].Name == "Example Health News Staff", true)
}

func TestDeclaredEncodings(t *testing.T) {
	tests := []struct {
		file, title, headline, body string
	}{
		{"windows-1252.rss", "Café Société", "“Quoted” café news", "<p>Naïve – café.</p>"},
		{"iso-8859-1.atom", "Nouvelles", "Été brûlant", "<p>À bientôt</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseFile(t, tt.file, "")
			check(t, "Title", f.Title, tt.title)
			check(t, "Headline", f.Entries[0].Article.Headline, tt.headline)
			check(t, "BodyHTML", f.Entries[0].Article.BodyHTML, tt.body)
		})
	}
}

// A relative xml:base is itself relative to the feed's address.
func TestRelativeXMLBase(t *testing.T) {
	data := `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><title>X</title><link href="./"/>
<entry><id>tag:x,2024:1</id><title>T</title><link href="first-post"/><content type="html">&lt;img src="i.png" alt=""&gt;</content></entry></feed>`
	f, err := ParseFeed([]byte(data), "https://ex.org/feeds/main.xml")
	if err != nil {
		t.Fatal(err)
	}
	a := f.Entries[0].Article
	check(t, "HomeURL", f.HomeURL, "https://ex.org/blog/")
	check(t, "OriginalURL", a.Source.OriginalURL, "https://ex.org/blog/first-post")
	check(t, "BodyHTML", a.BodyHTML, `<img src="https://ex.org/blog/i.png" alt=""/>`)
}

func TestRSS1(t *testing.T) {
	data := `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://web.resource.org/cc/">
<channel rdf:about="https://x.org/"><title>R</title><link>https://x.org/</link><cc:license rdf:resource="http://creativecommons.org/licenses/by-sa/2.0/"/></channel>
<item rdf:about="https://x.org/a-story"><title>A story</title><link>https://x.org/a-story</link><dc:date>2024-01-02T03:04:05Z</dc:date><dc:creator>Ana Silva</dc:creator><description>Text.</description></item>
</rdf:RDF>`
	f, err := ParseFeed([]byte(data), "https://x.org/index.rdf")
	if err != nil {
		t.Fatal(err)
	}
	a := f.Entries[0].Article
	check(t, "Licence (cc:license rdf:resource)", a.Licence.Name, "CC BY-SA 2.0")
	check(t, "Published (dc:date)", a.Published, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	check(t, "UpdatedRaw (dc:date)", f.Entries[0].UpdatedRaw, "2024-01-02T03:04:05Z")
	check(t, "UpstreamID (link, no guid)", a.Source.UpstreamID, "https://x.org/a-story")
	check(t, "author", len(a.Authors) == 1 && a.Authors[0].Name == "Ana Silva", true)
}
