package comment

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Avatars makes identicons locally, so no reader's email (or a hash of it
// that could be looked up) ever leaves the site: the hash is keyed with the
// site secret, and the picture is drawn from the hash alone.
type Avatars struct {
	key []byte
}

// NewAvatars derives the avatar key from the site secret.
func NewAvatars(secret []byte) Avatars {
	return Avatars{key: deriveKey(secret, "avatar")}
}

// IsZero reports whether a was not made by NewAvatars: its hashes would
// be unkeyed, and so could be matched against guessed addresses.
func (a Avatars) IsZero() bool { return a.key == nil }

// Hash is the avatar's name for an email: 32 hex digits of an HMAC of the
// lower-cased, trimmed address.
func (a Avatars) Hash(email string) string {
	m := hmac.New(sha256.New, a.key)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(email))))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Path is where the web serves the avatar: /avatar/{hash}.svg.
func (a Avatars) Path(email string) string {
	return "/avatar/" + a.Hash(email) + ".svg"
}

// IdenticonSVG draws the identicon for a hash from Hash: a 5×5 grid,
// mirrored left to right, in a colour taken from the hash. Anything but 32
// lower-case hex digits is refused, so the handler can answer 404.
func IdenticonSVG(hash string) ([]byte, error) {
	if len(hash) != 32 || strings.ToLower(hash) != hash {
		return nil, errors.New("avatar: not an avatar hash")
	}
	h, err := hex.DecodeString(hash)
	if err != nil {
		return nil, errors.New("avatar: not an avatar hash")
	}
	hue := (int(h[0])<<8 | int(h[1])) % 360
	sat := 45 + int(h[2])%25
	light := 40 + int(h[3])%20
	bits := uint32(h[4])<<16 | uint32(h[5])<<8 | uint32(h[6])

	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60" width="60" height="60">`)
	b.WriteString(`<rect width="60" height="60" fill="#f0f0f0"/>`)
	fmt.Fprintf(&b, `<g fill="hsl(%d,%d%%,%d%%)">`, hue, sat, light)
	filled := 0
	for col := 0; col < 3; col++ {
		for row := 0; row < 5; row++ {
			if bits&(1<<(col*5+row)) == 0 {
				continue
			}
			filled++
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10"/>`, 5+col*10, 5+row*10)
			if col < 2 { // mirror; the middle column is its own mirror
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10"/>`, 5+(4-col)*10, 5+row*10)
			}
		}
	}
	if filled == 0 { // an empty face says nothing; fill the centre
		b.WriteString(`<rect x="25" y="25" width="10" height="10"/>`)
	}
	b.WriteString(`</g></svg>`)
	return []byte(b.String()), nil
}
