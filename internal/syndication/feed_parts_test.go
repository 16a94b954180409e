package syndication

import (
	"net/url"
	"testing"

	"masthead/internal/article"
)

func TestSlugFor(t *testing.T) {
	tests := []struct {
		name, url, headline, id, want string
	}{
		{"The Conversation", "https://theconversation.com/why-would-islamic-state-attack-russia-226464", "x", "1", "why-would-islamic-state-attack-russia"},
		{"trailing slash", "https://globalvoices.org/2024/03/21/farmers-fight-crop-disease/", "x", "1", "farmers-fight-crop-disease"},
		{"file extension", "https://example.org/news/big-story.html", "x", "1", "big-story"},
		{"query-only URL falls back to headline", "https://example.org/?p=123", "Café owners’ “big” news!", "1", "cafe-owners-big-news"},
		{"numeric segment falls back to headline", "https://example.org/stories/48213", "Floods in Lagos", "1", "floods-in-lagos"},
		{"index page falls back to headline", "https://example.org/story/index.html", "Floods in Lagos", "1", "floods-in-lagos"},
		{"no URL", "", "Floods in Lagos", "1", "floods-in-lagos"},
		{"no Latin letters anywhere: from the id", "", "Новости дня", "tag:x,2024:1", "story-62db4a0452"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slugFor(tt.url, tt.headline, tt.id); got != tt.want {
				t.Errorf("slugFor(%q, %q) = %q, want %q", tt.url, tt.headline, got, tt.want)
			}
		})
	}
	if slugFor("", "Новости дня", "a") == slugFor("", "Новости дня", "b") {
		t.Errorf("id-based slugs must differ between entries")
	}
}

func TestSourceName(t *testing.T) {
	tests := []struct {
		title, home, want string
	}{
		{"The Conversation – Articles (AU)", "https://theconversation.com", "The Conversation"},
		{"Articles", "https://theconversation.com/uk", "The Conversation"},
		{"Global Voices - Citizen media stories", "https://es.globalvoices.org/", "Global Voices"},
		{"ProPublica", "https://www.propublica.org/", "ProPublica"},
		{"Campus News | Example University", "https://example.edu/", "Campus News"},
		{"Example Daily — Politics", "https://daily.example/", "Example Daily"},
		{"", "https://www.daily.example/", "daily.example"},
	}
	for _, tt := range tests {
		if got := sourceName(tt.title, tt.home); got != tt.want {
			t.Errorf("sourceName(%q, %q) = %q, want %q", tt.title, tt.home, got, tt.want)
		}
	}
}

func TestResolveHTML(t *testing.T) {
	base, _ := url.Parse("https://example.org/news/feed.xml")
	tests := []struct{ name, in, want string }{
		{"relative link", `<a href="story">s</a>`, `<a href="https://example.org/news/story">s</a>`},
		{"root-relative image", `<img src="/i.jpg" alt="i">`, `<img src="https://example.org/i.jpg" alt="i">`},
		{"srcset", `<img srcset="/a.jpg 1x, b.jpg 2x">`, `<img srcset="https://example.org/a.jpg 1x, https://example.org/news/b.jpg 2x">`},
		{"blockquote cite", `<blockquote cite="/q">q</blockquote>`, `<blockquote cite="https://example.org/q">q</blockquote>`},
		{"absolute untouched, bytes kept", `<a  href='https://other.example/x' >x</a>`, `<a  href='https://other.example/x' >x</a>`},
		{"fragment untouched", `<a href="#fn1">1</a>`, `<a href="#fn1">1</a>`},
		{"text and comments untouched", `<p>a &amp; b<!-- c --></p>`, `<p>a &amp; b<!-- c --></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolveHTML(base, tt.in); got != tt.want {
				t.Errorf("resolveHTML(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain   text\n here", "plain text here"},
		{"<p>One</p><p>Two &amp; three</p>", "One Two & three"},
		{"A <em>b</em>c", "A bc"},
		{"x<script>alert(1)</script>y<style>p{}</style>z", "xyz"},
		{"line<br>break", "line break"},
	}
	for _, tt := range tests {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLeadImage(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		given article.Image
		want  article.Image
	}{
		{"figure with The Conversation spans",
			`<p>x</p><figure><img src="https://e.org/a.jpg" alt="A"><figcaption><span class="caption">Cap.</span> <span class="attribution"><span class="source">AAP</span>, <a href="https://e.org/l">CC BY</a></span></figcaption></figure>`,
			article.Image{}, article.Image{URL: "https://e.org/a.jpg", Alt: "A", Caption: "Cap.", Credit: "AAP, CC BY"}},
		{"figcaption without spans is the caption",
			`<figure><img src="https://e.org/a.jpg" alt="A"><figcaption>The hospital. Photo: Ann Lee</figcaption></figure>`,
			article.Image{}, article.Image{URL: "https://e.org/a.jpg", Alt: "A", Caption: "The hospital. Photo: Ann Lee"}},
		{"first figure only", `<figure><img src="https://e.org/1.jpg" alt="1"></figure><figure><img src="https://e.org/2.jpg" alt="2"></figure>`,
			article.Image{}, article.Image{URL: "https://e.org/1.jpg", Alt: "1"}},
		{"a bare image is not a lead image (it may be a tracking pixel)", `<p><img src="https://e.org/pixel.gif" width="1" height="1"></p>`,
			article.Image{}, article.Image{}},
		{"separate image completed from the body",
			`<figure><img src="https://e.org/lead.jpg" alt="Lead alt"><figcaption><span class="caption">Body caption</span></figcaption></figure>`,
			article.Image{URL: "https://e.org/lead.jpg", Credit: "Feed credit"},
			article.Image{URL: "https://e.org/lead.jpg", Alt: "Lead alt", Caption: "Body caption", Credit: "Feed credit"}},
		{"separate image not in the body", `<figure><img src="https://e.org/other.jpg" alt="o"></figure>`,
			article.Image{URL: "https://e.org/lead.jpg"}, article.Image{URL: "https://e.org/lead.jpg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := leadImage(tt.body, tt.given); got != tt.want {
				t.Errorf("leadImage = %+v, want %+v", got, tt.want)
			}
		})
	}
}
