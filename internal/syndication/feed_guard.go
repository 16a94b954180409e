package syndication

import "fmt"

// guard runs a third-party parser and turns a panic into an error: feeds
// are hostile input, and one bad feed must not take the server down. The
// fuzz tests have found none; this is the seat belt.
func guard(parse func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	return parse()
}
