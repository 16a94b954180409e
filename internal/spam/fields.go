package spam

// Fields: features from the author, email, website and request metadata.

import (
	"math/bits"
	"strconv"
	"strings"
)

// author adds the words of the author's name and the whole name.
func (e *extractor) author(s string) {
	if s == "" {
		e.addString(kindMeta, "noauthor")
		return
	}
	lo := len(e.buf)
	e.buf = appendLowerASCII(e.buf, s)
	hi := len(e.buf)
	b := e.buf
	e.add(kindName, b[lo:hi])
	words := 0
	for i := lo; i < hi; {
		if !isWordByte(b[i]) {
			i++
			continue
		}
		j := i + 1
		for j < hi && isWordByte(b[j]) {
			j++
		}
		wl, wh := i, j
		for wl < wh && isTrimByte(b[wl]) {
			wl++
		}
		for wh > wl && isTrimByte(b[wh-1]) {
			wh--
		}
		if wh > wl && wh-wl <= maxWord {
			e.add(kindAuthor, b[wl:wh])
			words++
		}
		i = j
	}
	if words >= 4 {
		e.addString(kindMeta, "longauthor")
	}
}

// email adds the address, its domain and the shape of its local part.
func (e *extractor) email(s string) {
	at := -1
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '@' {
			at = i
			break
		}
	}
	if at < 0 {
		e.addString(kindMeta, "noemail")
		return
	}
	lo := len(e.buf)
	e.buf = appendLowerASCII(e.buf, s)
	hi := len(e.buf)
	e.sender = e.add(kindSender, e.buf[lo:hi])
	if dlo := lo + at + 1; dlo < hi {
		dom := e.buf[dlo:hi]
		e.domLo, e.domHi = int32(dlo), int32(hi)
		e.emailDom = e.add(kindEmail, dom)
		e.emailReg = e.emailDom
		if base := baseDomain(dom); len(base) < len(dom) {
			e.emailReg = e.add(kindEmail, base)
		}
	}
	digits := 0
	for i := 0; i < at; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	if digits >= 4 {
		e.addString(kindMeta, "emaildigits")
	}
}

// website adds the host of the commenter's website.
func (e *extractor) website(s string) {
	if s == "" {
		e.addString(kindMeta, "nourl")
		return
	}
	lo := len(e.buf)
	e.buf = appendLowerASCII(e.buf, s)
	if k := indexString(e.buf[lo:], "://"); k >= 0 {
		lo += k + 3
	}
	hi := lo
	for hi < len(e.buf) && isHostByte(e.buf[hi]) {
		hi++
	}
	for hi > lo && e.buf[hi-1] == '.' {
		hi--
	}
	if hasPrefix(e.buf[lo:hi], "www.") {
		lo += 4
	}
	if hi > lo {
		e.site = e.hostFeatures(kindSite, lo, hi)
	}
}

// meta adds features for the comment's shape and context. Context
// features appear only when the caller knows the context, so corpus mail
// and API calls without it are not marked.
func (e *extractor) meta(c *Comment) {
	e.addMeta("links=", bucket(e.links, 0, 1, 2, 3, 6, 11))
	e.addMeta("len=", bits.Len(uint(len(c.Content))/64))
	e.addMeta("excl=", bucket(e.excl, 0, 1, 2, 4, 8))
	if e.letters >= 20 {
		e.addMeta("caps=", e.upper*10/e.letters)
	}
	if e.bbcode {
		e.addString(kindMeta, "bbcode")
	}
	if e.html {
		e.addString(kindMeta, "html")
	}
	if c.Type != "" && c.Type != "comment" {
		t := append(append(e.tmp[:0], "type="...), c.Type...)
		if len(t) <= len(e.tmp) {
			e.add(kindMeta, t)
		}
	}
	if c.ParentID > 0 {
		e.addString(kindMeta, "reply")
	}
	if c.ArticleAge > 0 {
		e.addMeta("agedays=", bucket(int(c.ArticleAge.Hours()/24), 0, 1, 7, 30, 180, 365))
	}
	if c.IP != "" && c.UserAgent == "" {
		e.addString(kindMeta, "noagent")
	}
	if scriptAgent(c.UserAgent) {
		e.addString(kindMeta, "scriptagent")
	}
	if c.Permalink != "" {
		switch {
		case c.Referrer == "":
			e.addString(kindMeta, "noreferrer")
		case urlHost(c.Referrer) != urlHost(c.Permalink):
			e.addString(kindMeta, "offsitereferrer")
		}
	}
}

// scriptAgent reports user agents of HTTP libraries rather than browsers.
func scriptAgent(ua string) bool {
	for _, lib := range [...]string{"curl", "wget", "python", "go-http-client", "java/", "libwww", "okhttp", "httpclient", "scrapy"} {
		if containsFold(ua, lib) {
			return true
		}
	}
	return false
}

// urlHost returns the host of a URL, lower-cased, without "www.".
func urlHost(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#:"); i >= 0 {
		u = u[:i]
	}
	u = strings.ToLower(u)
	return strings.TrimPrefix(u, "www.")
}

// bucket returns the greatest of the ascending bounds that n reaches, or
// the first: "links=3" stands for three to five links.
func bucket(n int, bounds ...int) int {
	k := bounds[0]
	for _, b := range bounds {
		if n >= b {
			k = b
		}
	}
	return k
}

func (e *extractor) addMeta(name string, v int) {
	t := append(e.tmp[:0], name...)
	e.add(kindMeta, strconv.AppendInt(t, int64(v), 10))
}
