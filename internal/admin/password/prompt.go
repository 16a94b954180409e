package password

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Read asks for a password on out and reads one line from in. When in is
// a terminal, echo is off while the password is typed, where the platform
// allows (see echo_*.go).
func Read(in io.Reader, out io.Writer, prompt string) (string, error) {
	fmt.Fprint(out, prompt)
	if f, ok := in.(*os.File); ok {
		if restore, err := echoOff(f); err == nil {
			defer func() {
				restore()
				fmt.Fprintln(out) // the typed Enter was not echoed either
			}()
		}
	}
	return readLine(in)
}

// Interactive reports whether in is a terminal, where a person types and
// may mistype: worth asking twice.
func Interactive(in io.Reader) bool {
	f, ok := in.(*os.File)
	return ok && isTerminal(f)
}

// readLine reads up to a newline a byte at a time: a buffered reader could
// swallow the next line, which the next prompt needs.
func readLine(in io.Reader) (string, error) {
	var (
		sb  strings.Builder
		buf [1]byte
	)
	for sb.Len() < 4096 {
		n, err := in.Read(buf[:])
		if n == 1 {
			if buf[0] == '\n' {
				return strings.TrimSuffix(sb.String(), "\r"), nil
			}
			sb.WriteByte(buf[0])
		}
		if errors.Is(err, io.EOF) {
			if sb.Len() == 0 {
				return "", io.ErrUnexpectedEOF
			}
			return sb.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", errors.New("password line too long")
}
