package password

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// cheap keeps the tests fast; the format and checks are the same.
func cheap() Params { return Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32} }

func TestHashFormat(t *testing.T) {
	h, err := Hash("correct horse battery", Default())
	if err != nil {
		t.Fatal(err)
	}
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !phc.MatchString(h) {
		t.Errorf("hash %q is not an argon2id PHC string with the default parameters", h)
	}
	if p, err := Decode(h); err != nil || p != Default() {
		t.Errorf("Decode = %+v, %v; want %+v", p, err, Default())
	}
	again, _ := Hash("correct horse battery", Default())
	if again == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	ok, err := Verify(h, "correct horse battery")
	if err != nil || !ok {
		t.Errorf("Verify(right password) = %v, %v", ok, err)
	}
}

func TestVerify(t *testing.T) {
	h, err := Hash("pässwörd with ünicode", cheap())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		pw   string
		want bool
	}{
		{"right", "pässwörd with ünicode", true},
		{"wrong", "password with unicode", false},
		{"empty", "", false},
		{"prefix", "pässwörd", false},
		{"longer", "pässwörd with ünicode!", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := Verify(h, tc.pw)
			if err != nil || ok != tc.want {
				t.Errorf("Verify = %v, %v; want %v", ok, err, tc.want)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	good, _ := Hash("x", cheap())
	parts := strings.Split(good, "$")
	bad := map[string]string{
		"empty":          "",
		"bcrypt":         "$2a$10$abcdefghijklmnopqrstuuMxQ3RAV6PzCM1Vf8wZ5xSgaPv12L5Gu",
		"argon2i":        strings.Replace(good, "argon2id", "argon2i", 1),
		"old version":    strings.Replace(good, "v=19", "v=16", 1),
		"huge memory":    strings.Replace(good, "m=64,", "m=99999999,", 1),
		"zero time":      strings.Replace(good, "t=1,", "t=0,", 1),
		"trailing junk":  strings.Replace(good, "p=1", "p=1x", 1),
		"bad salt":       strings.Join([]string{"", parts[1], parts[2], parts[3], "!!", parts[5]}, "$"),
		"short hash":     strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
		"too many parts": good + "$x",
	}
	for name, h := range bad {
		t.Run(name, func(t *testing.T) {
			ok, err := Verify(h, "x")
			if ok || !errors.Is(err, ErrMalformed) {
				t.Errorf("Verify(%q) = %v, %v; want ErrMalformed", h, ok, err)
			}
		})
	}
	if _, err := Hash("x", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32}); err == nil {
		t.Error("Hash accepted a 4-byte salt")
	}
}
