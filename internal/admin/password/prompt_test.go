package password

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := strings.NewReader("first secret\r\nsecond secret\nlast")
	var out bytes.Buffer
	for _, want := range []string{"first secret", "second secret", "last"} {
		got, err := Read(in, &out, "Password: ")
		if err != nil || got != want {
			t.Errorf("Read = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := Read(in, &out, "Password: "); err != io.ErrUnexpectedEOF {
		t.Errorf("Read at end = %v, want io.ErrUnexpectedEOF", err)
	}
	if out.String() != strings.Repeat("Password: ", 4) {
		t.Errorf("prompts = %q", out.String())
	}
}

func TestReadFromPipe(t *testing.T) {
	// A pipe is a file but not a terminal: it must read as plain input.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		w.WriteString("piped secret\n")
		w.Close()
	}()
	got, err := Read(r, io.Discard, "")
	if err != nil || got != "piped secret" {
		t.Errorf("Read = %q, %v", got, err)
	}
}
