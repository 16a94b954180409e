package syndication

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"masthead/internal/article"
	"masthead/internal/store"
)

const tcCounter = `<img src="https://counter.theconversation.com/content/226464/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1" referrerpolicy="no-referrer-when-downgrade"/>`

func TestStoryKey(t *testing.T) {
	tests := []struct{ name, url, want string }{
		{"conversation numeric id", "https://theconversation.com/why-would-islamic-state-attack-russia-226464", "theconversation.com/226464"},
		{"conversation slug changed", "https://theconversation.com/islamic-state-and-russia-226464", "theconversation.com/226464"},
		{"conversation edition subdomain and trailing slash", "http://www.theconversation.com/au/x-226464/", "theconversation.com/226464"},
		{"other site keeps path", "https://www.propublica.org/article/hospital-chain-sued-patients?utm=x#top", "propublica.org/article/hospital-chain-sued-patients"},
		{"numbers elsewhere are not an id", "https://globalvoices.org/2024/03/20/story-12/", "globalvoices.org/2024/03/20/story-12"},
		{"no URL", "", ""},
		{"not a URL", "tag:example.org,2024:1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StoryKey(tt.url); got != tt.want {
				t.Errorf("StoryKey(%q) = %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}

func TestMissingRequired(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		required []string
		want     []string
	}{
		{"counter present", "<p>x</p>" + tcCounter, []string{"counter.theconversation.com/content/"}, nil},
		{"prefix with scheme", tcCounter, []string{"https://counter.theconversation.com/content/"}, nil},
		{"counter stripped", "<p>x</p>", []string{"counter.theconversation.com/content/"}, []string{"counter.theconversation.com/content/"}},
		{"mentioned in text is not the element", "<p>see counter.theconversation.com/content/1</p>", []string{"counter.theconversation.com/content/"}, []string{"counter.theconversation.com/content/"}},
		{"other host with same path", `<img src="https://evil.example/counter.theconversation.com/content/1">`, []string{"counter.theconversation.com/content/"}, []string{"counter.theconversation.com/content/"}},
		{"pixel in srcset", `<img src="/a.jpg" srcset="https://pixel.propublica.org/pixel.gif 1x">`, []string{"pixel.propublica.org/"}, nil},
		{"regexp matches", `<p class="x">Originally published by ProPublica</p>`, []string{`re:Originally published by \w+`}, nil},
		{"regexp misses", `<p>nothing</p>`, []string{`re:Originally published`}, []string{`re:Originally published`}},
		{"invalid regexp is unmet", `<p>x</p>`, []string{`re:(`}, []string{`re:(`}},
		{"several, order kept", `<p>x</p>`, []string{"b.example/", "a.example/"}, []string{"b.example/", "a.example/"}},
		{"nothing required", `<p>x</p>`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MissingRequired(tt.body, tt.required); !slices.Equal(got, tt.want) {
				t.Errorf("MissingRequired = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDropFigures(t *testing.T) {
	rule := regexp.MustCompile(DefaultUnlicensedCaption)
	licensed := `<figure><img src="https://images.example/a.jpg" alt="a"><figcaption><span class="caption">A map.</span> <span class="attribution">Shutterstock</span></figcaption></figure>`
	unlicensed := `<figure><img src="https://images.example/b.jpg" alt="b"><figcaption>Protesters in Moscow. <span class="attribution">AP Photo, not licensed for reuse</span></figcaption></figure>`
	tests := []struct {
		name, body, want string
		dropped          []string
	}{
		{"licensed figure kept byte for byte", "<p>x</p>" + licensed + "<p>y</p>", "<p>x</p>" + licensed + "<p>y</p>", nil},
		{"unlicensed figure dropped whole", "<p>x</p>" + unlicensed + "<p>y</p>", "<p>x</p><p>y</p>", []string{"https://images.example/b.jpg"}},
		{"only the unlicensed one of two", licensed + unlicensed, licensed, []string{"https://images.example/b.jpg"}},
		{"entity-encoded caption", `<figure><img src="/c.jpg"><figcaption>Not&nbsp;licensed for re&#45;use</figcaption></figure><p>z</p>`, "<p>z</p>", []string{"/c.jpg"}},
		{"caption split across tags", `<figure><img src="/d.jpg"><figcaption><em>Not available</em> for <b>republication</b></figcaption></figure>`, "", []string{"/d.jpg"}},
		{"the words outside a caption do not count", `<figure><img src="/e.jpg" alt="not licensed for reuse"><figcaption>Fine</figcaption></figure>`, `<figure><img src="/e.jpg" alt="not licensed for reuse"><figcaption>Fine</figcaption></figure>`, nil},
		{"nested figures go together", `<figure><figure><img src="/f.jpg"><figcaption>not licensed for reuse</figcaption></figure><img src="/g.jpg"></figure><p>k</p>`, "<p>k</p>", []string{"/f.jpg", "/g.jpg"}},
		{"unclosed unlicensed figure", `<p>k</p><figure><img src="/h.jpg"><figcaption>not licensed for reuse`, "<p>k</p>", []string{"/h.jpg"}},
		{"no figures", "<p>just text, not licensed for reuse</p>", "<p>just text, not licensed for reuse</p>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dropped := DropFigures(tt.body, rule)
			if got != tt.want || !slices.Equal(dropped, tt.dropped) {
				t.Errorf("DropFigures =\n %q, %q\nwant\n %q, %q", got, dropped, tt.want, tt.dropped)
			}
		})
	}
	if got, _ := DropFigures(unlicensed, nil); got != unlicensed {
		t.Errorf("without a rule a figure was dropped: %q", got)
	}
}

func TestRenderCredit(t *testing.T) {
	c := Credit{
		Source:    "The Conversation",
		SourceURL: "https://theconversation.com",
		Authors:   []article.Author{{Name: "Greg Barton", Institution: "Deakin University"}, {Name: "Jane Doe"}},
		Licence:   article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"},
		Original:  "https://theconversation.com/why-226464",
	}
	tests := []struct {
		name, tmpl string
		c          Credit
		want       string
	}{
		{"default top", DefaultCreditTop, c,
			`[This article first appeared in <a href="https://theconversation.com">The Conversation</a>, republished with permission]`},
		{"default end", DefaultCreditEnd, c,
			`This article is republished from <a href="https://theconversation.com">The Conversation</a> under a <a href="https://creativecommons.org/licenses/by-nd/4.0/">Creative Commons license</a>. <a href="https://theconversation.com/why-226464">Read the original article</a>.`},
		{"author and licence name", "By {author}, under {licence}.", c,
			`By Greg Barton, Deakin University and Jane Doe, under <a href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>.`},
		{"text is escaped", `<b>{source:Fish & "chips"}</b>`, c,
			`&lt;b&gt;<a href="https://theconversation.com">Fish &amp; &#34;chips&#34;</a>&lt;/b&gt;`},
		{"unsafe link becomes text", "{original}", Credit{Original: "javascript:alert(1)"}, "the original article"},
		{"missing licence shows nothing", "[{licence}]", Credit{}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderCredit(tt.tmpl, tt.c); got != tt.want {
				t.Errorf("RenderCredit(%q)\n got %s\nwant %s", tt.tmpl, got, tt.want)
			}
		})
	}
	plain := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(RenderCredit(DefaultCreditEnd, c), "")
	if plain != "This article is republished from The Conversation under a Creative Commons license. Read the original article." {
		t.Errorf("closing credit reads %q, not The Conversation's wording", plain)
	}
}

func TestCheckCreditTemplate(t *testing.T) {
	for tmpl, ok := range map[string]bool{
		DefaultCreditTop:            true,
		DefaultCreditEnd:            true,
		"By {author}":               true,
		"From {publisher}":          false,
		"Unclosed {source":          false,
		"{licence:CC} and {source}": true,
		"{author:Someone}":          false,
		"a } b":                     false,
		"{{source}}":                false,
	} {
		if err := CheckCreditTemplate(tmpl); (err == nil) != ok {
			t.Errorf("CheckCreditTemplate(%q) = %v, want ok=%v", tmpl, err, ok)
		}
	}
}

func TestPrepare(t *testing.T) {
	received := func() *article.Article {
		return &article.Article{
			Headline: "Why would Islamic State attack Russia?",
			BodyHTML: `<figure><img src="https://images.example/lead.jpg"><figcaption>AP, not licensed for reuse</figcaption></figure><p>Text.</p>` + tcCounter,
			Image:    article.Image{URL: "https://images.example/lead.jpg", Caption: "AP, not licensed for reuse"},
			Authors:  []article.Author{{Name: "Greg Barton", Institution: "Deakin University"}},
			Source: article.Source{Name: "The Conversation – Articles (AU)", HomeURL: "https://theconversation.com",
				OriginalURL: "https://theconversation.com/why-226464", UpstreamID: "tag:theconversation.com,2011:article/226464"},
			Licence: article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"},
			Tags:    []string{"Russia"},
		}
	}
	src := func(mode store.SourceMode) *store.Source {
		s := &store.Source{ID: 7, Name: "The Conversation", FeedURL: "https://theconversation.com/au/articles.atom", Mode: mode}
		SourceDefaults(s)
		return s
	}
	tests := []struct {
		name        string
		edit        func(*article.Article)
		src         *store.Source
		wantProblem string // substring; "" for none
		wantAuto    bool
	}{
		{"auto, licensed, counter kept", nil, src(store.ModeAuto), "", true},
		{"inbox mode never publishes on arrival", nil, src(store.ModeInbox), "", false},
		{"counter lost", func(a *article.Article) { a.BodyHTML = "<p>Text.</p>" }, src(store.ModeAuto),
			`requires "counter.theconversation.com/content/" on the page`, false},
		{"no licence", func(a *article.Article) { a.Licence = article.Licence{} }, src(store.ModeAuto),
			"no recognisable licence", false},
		{"licence set by the editor", func(a *article.Article) { a.Licence = article.Licence{} }, func() *store.Source {
			s := src(store.ModeAuto)
			s.Licence = article.Licence{Name: "CC BY-ND 4.0", URL: "https://creativecommons.org/licenses/by-nd/4.0/"}
			return s
		}(), "", true},
		{"both problems named", func(a *article.Article) { a.Licence, a.BodyHTML = article.Licence{}, "" }, src(store.ModeAuto),
			"lacks it; no recognisable licence", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := received()
			if tt.edit != nil {
				tt.edit(in)
			}
			before := *in
			e := Prepare(in, tt.src)
			if tt.wantProblem == "" && e.Problem != "" || !strings.Contains(e.Problem, tt.wantProblem) {
				t.Errorf("problem = %q, want %q", e.Problem, tt.wantProblem)
			}
			if e.AutoPublish != tt.wantAuto {
				t.Errorf("AutoPublish = %v, want %v", e.AutoPublish, tt.wantAuto)
			}
			if in.BodyHTML != before.BodyHTML || in.Source != before.Source || e.Received != in {
				t.Error("Prepare changed the received story")
			}
		})
	}

	e := Prepare(received(), src(store.ModeAuto))
	a := e.Prepared
	if strings.Contains(a.BodyHTML, "lead.jpg") || a.Image != (article.Image{}) {
		t.Errorf("unlicensed lead figure kept: body %q image %+v", a.BodyHTML, a.Image)
	}
	if a.BodyHTML != "<p>Text.</p>"+tcCounter {
		t.Errorf("body = %q", a.BodyHTML)
	}
	if a.Source.Name != "The Conversation" || e.StoryKey != "theconversation.com/226464" {
		t.Errorf("source name %q, key %q", a.Source.Name, e.StoryKey)
	}
	if e.Syndication.SourceID != 7 || e.Syndication.Canonical != store.CanonicalOriginal ||
		!strings.Contains(e.Syndication.CreditTop, `first appeared in <a href="https://theconversation.com">The Conversation</a>`) ||
		!strings.Contains(e.Syndication.CreditEnd, `<a href="https://theconversation.com/why-226464">Read the original article</a>`) {
		t.Errorf("syndication = %+v", e.Syndication)
	}
}
