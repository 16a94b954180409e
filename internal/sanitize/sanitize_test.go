package sanitize

import (
	"strings"
	"testing"
)

const counterImage = `<img src="https://counter.theconversation.com/content/226464/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1" style="border: none !important; box-shadow: none !important; margin: 0 !important; max-height: 1px !important; max-width: 1px !important; min-height: 1px !important; min-width: 1px !important; opacity: 0 !important; outline: none !important; padding: 0 !important" referrerpolicy="no-referrer-when-downgrade" />`

func TestArticle(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// What a republished story needs, kept.
		{"paragraphs and headings", `<h2>What is ISIS-K?</h2><p>It <em>appears</em> <strong>almost</strong> certain.</p>`,
			`<h2>What is ISIS-K?</h2><p>It <em>appears</em> <strong>almost</strong> certain.</p>`},
		{"lists", `<ul><li>one</li></ul><ol start="3"><li>three</li></ol>`,
			`<ul><li>one</li></ul><ol start="3"><li>three</li></ol>`},
		{"blockquote with cite", `<blockquote cite="https://example.org/q"><p>Quoted.</p></blockquote>`,
			`<blockquote cite="https://example.org/q"><p>Quoted.</p></blockquote>`},
		{"table", `<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td colspan="2">2024</td></tr></tbody></table>`,
			`<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td colspan="2">2024</td></tr></tbody></table>`},
		{"figure with credit spans",
			`<figure><img src="https://images.theconversation.com/files/1/map.jpg" alt="an outlined map of Russia"><figcaption><span class="caption">An outline map.</span> <span class="attribution"><span class="source">Shutterstock</span></span></figcaption></figure>`,
			`<figure><img src="https://images.theconversation.com/files/1/map.jpg" alt="an outlined map of Russia"><figcaption><span class="caption">An outline map.</span> <span class="attribution"><span class="source">Shutterstock</span></span></figcaption></figure>`},
		{"responsive image", `<img src="https://e.org/a.jpg" srcset="https://e.org/a.jpg 1x, /b.jpg 2x" sizes="100vw" loading="lazy" width="600" height="400" alt="a">`,
			`<img src="https://e.org/a.jpg" srcset="https://e.org/a.jpg 1x, /b.jpg 2x" sizes="100vw" loading="lazy" width="600" height="400" alt="a">`},
		{"link", `<a href="https://theconversation.com/x" title="more">more</a>`,
			`<a href="https://theconversation.com/x" title="more">more</a>`},
		{"target blank gets noopener", `<a href="https://e.org" target="_blank">e</a>`,
			`<a href="https://e.org" target="_blank" rel="noopener">e</a>`},
		{"target blank keeps existing rel", `<a href="https://e.org" target="_blank" rel="nofollow">e</a>`,
			`<a href="https://e.org" target="_blank" rel="nofollow noopener">e</a>`},
		{"mailto link", `<a href="mailto:desk@example.org">mail</a>`, `<a href="mailto:desk@example.org">mail</a>`},
		{"youtube embed", `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen></iframe>`,
			`<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen=""></iframe>`},
		{"vimeo embed", `<iframe src="https://player.vimeo.com/video/76979871"></iframe>`,
			`<iframe src="https://player.vimeo.com/video/76979871"></iframe>`},
		{"counter image kept without style", counterImage,
			`<img src="https://counter.theconversation.com/content/226464/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1" referrerpolicy="no-referrer-when-downgrade"/>`},
		{"text escaping unchanged in meaning", `<p>Fish &amp; chips &lt;b&gt; “quoted”</p>`, `<p>Fish &amp; chips &lt;b&gt; “quoted”</p>`},

		// What must go.
		{"img onerror", `<img src=x onerror=alert(1)>`, `<img src="x">`},
		{"javascript link", `<a href="javascript:alert(1)">click</a>`, `click`},
		{"javascript link mixed case and spaces", `<a href="  JaVaScRiPt:alert(1)">click</a>`, `click`},
		{"javascript hidden by tab entity", `<a href="jav&#x09;ascript:alert(1)">click</a>`, `click`},
		{"javascript hidden by decimal entity", `<a href="&#106;avascript:alert(1)">click</a>`, `click`},
		{"vbscript link", `<a href="vbscript:msgbox(1)">click</a>`, `click`},
		{"data url link", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>`, `click`},
		{"data url image dropped", `<p><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">text</p>`, `<p>text</p>`},
		{"data url in srcset", `<img src="/a.jpg" srcset="data:image/png;base64,AAAA 1x, /b.jpg 2x">`, `<img src="/a.jpg">`},
		{"javascript in srcset", `<img src="/a.jpg" srcset="javascript:alert(1) 2x">`, `<img src="/a.jpg">`},
		{"svg onload", `<svg onload=alert(1)><circle r="1"/></svg>after`, `after`},
		{"script", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`},
		{"style element", `<style>body{display:none}</style><p>a</p>`, `<p>a</p>`},
		{"display none keeps text", `<p style="display:none">hidden</p>`, `<p>hidden</p>`},
		{"visibility hidden keeps text", `<span style="visibility:hidden">hidden</span>`, `<span>hidden</span>`},
		{"unknown classes dropped", `<span class="hidden">h</span><span class="caption sr-only">c</span>`, `<span>h</span><span>c</span>`},
		{"comment", `<p>a<!-- tracking --></p><!--[if IE]><script>x</script><![endif]-->`, `<p>a</p>`},
		{"iframe from elsewhere", `<iframe src="https://evil.example/x"></iframe>after`, `after`},
		{"iframe with size but bad src", `<iframe src=evil width="500"></iframe>after`, `after`},
		{"iframe javascript src", `<iframe src="javascript:alert(1)"></iframe>`, ``},
		{"youtube lookalike host", `<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>`, ``},
		{"form", `<form action="https://e.org"><input name="q"><button>Go</button></form>`, `Go`},
		{"object and embed", `<object data="x.swf"><param name="a" value="b"></object><embed src="x.swf">`, ``},
		{"event handler on allowed tag", `<p onclick="alert(1)" onmouseover="x()">t</p>`, `<p>t</p>`},
		{"meta refresh and base", `<meta http-equiv="refresh" content="0;url=https://e.org"><base href="https://e.org/">t`, `t`},
		{"target other than blank", `<a href="https://e.org" target="opener">e</a>`, `<a href="https://e.org">e</a>`},
		{"math with link", `<math><mi xlink:href="javascript:alert(1)">m</mi></math>`, `m`},
	}
	p := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.Article(tt.in); got != tt.want {
				t.Errorf("Article(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestComment(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"inline formatting", `<b>b</b> <strong>s</strong> <em>e</em> <i>i</i> <code>c</code> <del>d</del> <s>s</s> <strike>x</strike> <cite>c</cite>`,
			`<b>b</b> <strong>s</strong> <em>e</em> <i>i</i> <code>c</code> <del>d</del> <s>s</s> <strike>x</strike> <cite>c</cite>`},
		{"abbr and quotes", `<abbr title="Islamic State Khorasan">ISIS-K</abbr> <q>q</q> <blockquote>b</blockquote>`,
			`<abbr title="Islamic State Khorasan">ISIS-K</abbr> <q>q</q> <blockquote>b</blockquote>`},
		{"link gets ugc rel", `<a href="https://example.org/">site</a>`,
			`<a href="https://example.org/" rel="ugc nofollow noopener">site</a>`},
		{"link rel replaced", `<a href="https://example.org/" rel="follow me">site</a>`,
			`<a href="https://example.org/" rel="ugc nofollow noopener">site</a>`},
		{"target dropped", `<a href="https://example.org/" target="_blank">site</a>`,
			`<a href="https://example.org/" rel="ugc nofollow noopener">site</a>`},
		{"relative link dropped", `<a href="/admin/">admin</a>`, `admin`},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"entity hidden javascript", `<a href="jav&#x09;ascript:alert(1)">x</a>`, `x`},
		{"block and media elements dropped", `<h1>Big</h1><p>para</p><img src="https://e.org/a.jpg"><iframe src="https://www.youtube.com/embed/x"></iframe>`,
			`Bigpara`},
		{"script", `hi<script>alert(1)</script>`, `hi`},
		{"styles", `<b style="display:none">x</b>`, `<b>x</b>`},
		{"comment", `a<!-- b -->c`, `ac`},
		{"plain text escaped", `1 < 2 & "three"`, `1 &lt; 2 &amp; &#34;three&#34;`},
	}
	p := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.Comment(tt.in); got != tt.want {
				t.Errorf("Comment(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in         string
		relativeOK bool
		want       bool
	}{
		{"https://theconversation.com/x", false, true},
		{"http://example.org", false, true},
		{"/relative", false, false},
		{"/relative", true, true},
		{"javascript:alert(1)", true, false},
		{"JAVASCRIPT:alert(1)", true, false},
		{"data:image/png;base64,AA", true, false},
		{"java\tscript:alert(1)", true, false},
		{"https://", false, false},
		{"", true, false},
		{"https://e.org/a b", false, false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.in, tt.relativeOK); got != tt.want {
			t.Errorf("SafeURL(%q, %v) = %v, want %v", tt.in, tt.relativeOK, got, tt.want)
		}
	}
}

// Policies are shared between request handlers, so they must be safe to use
// from many goroutines at once (run with -race).
func TestConcurrentUse(t *testing.T) {
	p := New()
	done := make(chan string)
	for range 8 {
		go func() { done <- p.Article(counterImage) + p.Comment(`<a href="https://e.org">x</a>`) }()
	}
	for range 8 {
		if got := <-done; !strings.Contains(got, "count.gif") || !strings.Contains(got, "ugc") {
			t.Errorf("concurrent result lost content: %s", got)
		}
	}
}
