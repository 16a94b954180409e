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

// SignHeld returns a cookie value naming the reader's held comments (the
// last 20), signed and time-stamped.
func (t *Tokens) SignHeld(ids []int64) string {
	if len(ids) > maxHeldIDs {
		ids = ids[len(ids)-maxHeldIDs:]
	}
	parts := make([]string, 0, len(ids)+1)
	parts = append(parts, strconv.FormatInt(t.now().Unix(), 10))
	for _, id := range ids {
		parts = append(parts, strconv.FormatInt(id, 10))
	}
	body := strings.Join(parts, ".")
	return body + "~" + base64.RawURLEncoding.EncodeToString(mac(t.heldKey, []byte(body)))
}

// HeldIDs returns the comment ids a cookie value names, or nil when it is
// forged, malformed or older than HeldMaxAge.
func (t *Tokens) HeldIDs(value string) []int64 {
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
	ids := make([]int64, 0, len(parts)-1)
	for _, p := range parts[1:] {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil
		}
		ids = append(ids, id)
	}
	return ids
}

// AddHeld returns a new cookie value with id added to those the old value
// (possibly empty or invalid) names.
func (t *Tokens) AddHeld(value string, id int64) string {
	return t.SignHeld(append(t.HeldIDs(value), id))
}
