package akismet

import (
	"crypto/rand"
	"encoding/hex"
)

// NewKey returns a new random API key: 24 lower-case hex digits (96 bits),
// which fit in a DNS label, as clients that put the key in the Host need.
func NewKey() string {
	b := make([]byte, 12)
	rand.Read(b) // never fails, says crypto/rand
	return hex.EncodeToString(b)
}
