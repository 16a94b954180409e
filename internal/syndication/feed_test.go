package syndication

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"

	"masthead/internal/article"
)

const conversationFeedURL = "https://theconversation.com/au/articles.atom"

// parseFile parses a testdata feed, failing the test on error.
func parseFile(t *testing.T, name, feedURL string) *Feed {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFeed(data, feedURL)
	if err != nil {
		t.Fatalf("ParseFeed(%s): %v", name, err)
	}
	return f
}

// check reports a field that differs from what was expected.
func check[T comparable](t *testing.T, field string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", field, got, want)
	}
}

func TestConversationSample(t *testing.T) {
	f := parseFile(t, "conversation-sample.atom", conversationFeedURL)
	check(t, "feed Title", f.Title, "The Conversation – Articles (AU)")
	check(t, "feed HomeURL", f.HomeURL, "https://theconversation.com")
	if len(f.Entries) != 1 {
		t.Fatalf("got %d entries, want 1", len(f.Entries))
	}
	e := f.Entries[0]
	a := e.Article

	fields := []struct {
		name      string
		got, want string
	}{
		{"Headline", a.Headline, "Why would Islamic State attack Russia and what does this mean for the terrorism threat globally?"},
		{"Summary", a.Summary, "Islamic State Khorasan has long proclaimed its intention of striking Russia. The Moscow attack shows the threat is immediate and substantial, across Europe too."},
		{"Slug", a.Slug, "why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally"},
		{"Path", a.Path(), "/2024/03/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally/"},
		{"Image.URL", a.Image.URL, "https://images.theconversation.com/files/583000/original/russia-outline.jpg"},
		{"Image.Alt", a.Image.Alt, "an outlined map of Russia"},
		{"Image.Caption", a.Image.Caption, "An outline map of the Russian Federation."},
		{"Image.Credit", a.Image.Credit, "Shutterstock"},
		{"Source.Name", a.Source.Name, "The Conversation"},
		{"Source.HomeURL", a.Source.HomeURL, "https://theconversation.com"},
		{"Source.OriginalURL", a.Source.OriginalURL, "https://theconversation.com/why-would-islamic-state-attack-russia-and-what-does-this-mean-for-the-terrorism-threat-globally-226464"},
		{"Source.UpstreamID", a.Source.UpstreamID, "tag:theconversation.com,2011:article/226464"},
		{"Licence.Name", a.Licence.Name, "CC BY-ND 4.0"},
		{"Licence.URL", a.Licence.URL, "https://creativecommons.org/licenses/by-nd/4.0/"},
		{"entry Licence.Name", e.Licence.Name, "CC BY-ND 4.0"},
		{"entry Rights", e.Rights, "Licensed as Creative Commons – attribution, no derivatives."},
		{"UpdatedRaw", e.UpdatedRaw, "2024-03-24T04:12:09Z"},
	}
	for _, tt := range fields {
		check(t, tt.name, tt.got, tt.want)
	}
	check(t, "Published", a.Published, time.Date(2024, 3, 24, 3, 40, 21, 0, time.UTC))
	check(t, "Updated", a.Updated, time.Date(2024, 3, 24, 4, 12, 9, 0, time.UTC))
	check(t, "NoDerivatives", a.Licence.NoDerivatives(), true)
	check(t, "Imported", a.Source.Imported(), true)
	if len(a.Tags) != 0 {
		t.Errorf("Tags = %q, want none (the sample has no categories)", a.Tags)
	}

	if len(a.Authors) != 1 {
		t.Fatalf("got %d authors, want 1", len(a.Authors))
	}
	check(t, "author", a.Authors[0], article.Author{
		Name:        "Greg Barton",
		Role:        "Chair in Global Islamic Politics, Alfred Deakin Institute for Citizenship and Globalisation; Scholar -In-Residence Asia Society Australia",
		Institution: "Deakin University",
		ProfileURL:  "https://theconversation.com/profiles/greg-barton-2013",
		Bio:         "Greg Barton, Chair in Global Islamic Politics, Alfred Deakin Institute for Citizenship and Globalisation; Scholar -In-Residence Asia Society Australia, Deakin University",
	})
	check(t, "Byline", a.Authors[0].Byline(), "Greg Barton, Deakin University")
}

// The licence is No-Derivatives, so the body must be what The Conversation
// sent, less only what the Article policy removes: the HTML comments and
// the counter image's style attribute (and the serializer writes "/>").
func TestConversationBodyVerbatim(t *testing.T) {
	data, err := os.ReadFile("testdata/conversation-sample.atom")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := (&atom.Parser{}).Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := raw.Entries[0].Content.Value
	want = regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAllString(want, "")
	want = regexp.MustCompile(` style="[^"]*"`).ReplaceAllString(want, "")
	want = strings.ReplaceAll(want, `" />`, `"/>`)

	got := parseFile(t, "conversation-sample.atom", conversationFeedURL).Entries[0].Article.BodyHTML
	if got != want {
		t.Errorf("body differs from the feed's beyond comments and style:\n got %s\nwant %s", got, want)
	}

	for _, must := range []string{
		`<img src="https://counter.theconversation.com/content/226464/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1" referrerpolicy="no-referrer-when-downgrade"/>`,
		`<figure><img src="https://images.theconversation.com/files/583000/original/russia-outline.jpg" alt="an outlined map of Russia">`,
		`<h2>What next for Putin and the broader terrorism threat?</h2>`,
	} {
		if !strings.Contains(got, must) {
			t.Errorf("body lost %s", must)
		}
	}
	if n := strings.Count(got, "<p>"); n != 31 {
		t.Errorf("body has %d paragraphs, want the feed's 31", n)
	}
	if strings.Contains(got, "<!--") || strings.Contains(got, "style=") {
		t.Errorf("body kept a comment or a style attribute")
	}
}
