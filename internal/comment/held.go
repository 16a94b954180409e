package comment

import (
	"crypto/hmac"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// HeldCookieName is the cookie that lets a reader see the comments they
// wrote that are waiting for moderation.
const HeldCookieName = "masthead_held"

// HeldRef names one of a reader's held comments and the article it is on,
// so a page can tell from the cookie alone whether it has any to show.
type HeldRef struct {
	ArticleID, CommentID int64
}

// SignHeld returns a cookie value naming the reader's held comments (the
// last 20), signed and time-stamped: "issued.article-comment.…~mac".
func (t *Tokens) SignHeld(refs []HeldRef) string {
	if len(refs) > maxHeldIDs {
		refs = refs[len(refs)-maxHeldIDs:]
	}
	var b strings.Builder
	b.WriteString(strconv.FormatInt(t.now().Unix(), 10))
	for _, r := range refs {
		b.WriteByte('.')
		b.WriteString(strconv.FormatInt(r.ArticleID, 10))
		b.WriteByte('-')
		b.WriteString(strconv.FormatInt(r.CommentID, 10))
	}
	body := b.String()
	return body + "~" + base64.RawURLEncoding.EncodeToString(mac(t.heldKey, []byte(body)))
}

// HeldRefs returns the comments a cookie value names, or nil when it is
// forged, malformed or older than HeldMaxAge.
func (t *Tokens) HeldRefs(value string) []HeldRef {
	body, sig, ok := strings.Cut(value, "~")
	if !ok {
		return nil
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac(t.heldKey, []byte(body))) {
		return nil
	}
	parts := strings.Split(body, ".")
	issued, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || t.now().Sub(time.Unix(issued, 0)) > HeldMaxAge {
		return nil
	}
	refs := make([]HeldRef, 0, len(parts)-1)
	for _, p := range parts[1:] {
		a, c, ok := strings.Cut(p, "-")
		aid, err1 := strconv.ParseInt(a, 10, 64)
		cid, err2 := strconv.ParseInt(c, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil
		}
		refs = append(refs, HeldRef{ArticleID: aid, CommentID: cid})
	}
	return refs
}

// HeldOn returns the ids of the held comments a cookie value names on one
// article.
func (t *Tokens) HeldOn(value string, articleID int64) []int64 {
	var ids []int64
	for _, r := range t.HeldRefs(value) {
		if r.ArticleID == articleID {
			ids = append(ids, r.CommentID)
		}
	}
	return ids
}

// AddHeld returns a new cookie value with the comment added to those the
// old value (possibly empty or invalid) names.
func (t *Tokens) AddHeld(value string, articleID, commentID int64) string {
	return t.SignHeld(append(t.HeldRefs(value), HeldRef{ArticleID: articleID, CommentID: commentID}))
}
