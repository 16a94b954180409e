package comment_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"masthead/internal/comment"
)

func TestAvatars(t *testing.T) {
	av := comment.NewAvatars(secret)
	h := av.Hash("Ann@Example.org ")
	if h != av.Hash("ann@example.org") || len(h) != 32 {
		t.Errorf("hash %q not stable under case and space", h)
	}
	if h == comment.NewAvatars([]byte("another secret, another site!!")).Hash("ann@example.org") {
		t.Error("hash does not depend on the site secret")
	}
	if h == av.Hash("bob@example.org") {
		t.Error("two emails, one hash")
	}
	if p := av.Path("ann@example.org"); p != "/avatar/"+h+".svg" || strings.Contains(p, "ann") {
		t.Errorf("Path = %q", p)
	}
	svg, err := comment.IdenticonSVG(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(svg, new(struct{})); err != nil || !bytes.HasPrefix(svg, []byte("<svg ")) {
		t.Errorf("not SVG: %v\n%s", err, svg)
	}
	again, _ := comment.IdenticonSVG(h)
	other, _ := comment.IdenticonSVG(av.Hash("bob@example.org"))
	if !bytes.Equal(svg, again) || bytes.Equal(svg, other) {
		t.Error("identicon not deterministic per hash")
	}
	for _, bad := range []string{"", "zz", strings.ToUpper(h), h + "00", "<script>" + h[8:], "../../etc/passwd000000000000000"} {
		if _, err := comment.IdenticonSVG(bad); err == nil {
			t.Errorf("IdenticonSVG(%q) accepted", bad)
		}
	}
}

func TestIdenticonSymmetric(t *testing.T) {
	av := comment.NewAvatars(secret)
	for _, e := range []string{"a@b.co", "c@d.co", "e@f.co", "g@h.co"} {
		svg, _ := comment.IdenticonSVG(av.Hash(e))
		var doc struct {
			G struct {
				Rects []struct {
					X int `xml:"x,attr"`
					Y int `xml:"y,attr"`
				} `xml:"rect"`
			} `xml:"g"`
		}
		if err := xml.Unmarshal(svg, &doc); err != nil {
			t.Fatal(err)
		}
		cells := map[[2]int]bool{}
		for _, r := range doc.G.Rects {
			cells[[2]int{r.X, r.Y}] = true
		}
		for c := range cells {
			if !cells[[2]int{60 - 10 - c[0], c[1]}] {
				t.Errorf("%s: cell %v has no mirror", e, c)
			}
		}
	}
}
