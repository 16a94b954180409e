//go:build !linux

package password

import (
	"errors"
	"os"
)

// echoOff is not done here: the password shows as typed. Set
// MASTHEAD_PASSWORD instead where that matters.
func echoOff(*os.File) (func(), error) { return nil, errors.New("echo control not supported") }

// isTerminal is unknown here; false asks only once.
func isTerminal(*os.File) bool { return false }
