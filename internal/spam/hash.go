package spam

import "encoding/binary"

// Features are identified by 64-bit hashes built from the feature's kind
// and a hash of its text, never from the string form as a whole, so the
// verdict path hashes text it has in hand without building strings. The
// top two bits of a feature hash carry its group (see kindGroup).

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9e3779b97f4a7c15
	groupBits = 62
)

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashGram is the text hash of a character 4-gram: the bytes themselves,
// which is all the mixing needs and saves FNV's four multiplications.
func hashGram(b []byte) uint64 {
	return uint64(binary.LittleEndian.Uint32(b))
}

// mix is the splitmix64 finalizer: the model indexes its table with the
// low bits, so every input bit must reach them.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// tag puts the group of kind into the top bits of h.
func tag(h uint64, kind byte) uint64 {
	return h&^(3<<groupBits) | kindGroup(kind)<<groupBits
}

// fold is a light finalizer for feature hashes: one multiplication, then
// the high half folded onto the low half, where the model's table index
// is taken. Half the cost of mix, and features are hashed by the
// thousand per verdict.
func fold(x uint64) uint64 {
	x *= 0xbf58476d1ce4e5b9
	return x ^ x>>32
}

// featureHash identifies a one-text feature.
func featureHash(kind byte, h uint64) uint64 {
	return tag(fold(h^uint64(kind)*golden), kind)
}
