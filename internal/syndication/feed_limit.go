package syndication

import (
	"fmt"
	"io"
)

// MaxFeedBytes is the largest feed masthead reads. Real news feeds are well
// under 2 MB; the limit stops a hostile or broken server from filling memory.
const MaxFeedBytes = 20 << 20

// ReadLimited reads a whole feed from r, failing with ErrTooLarge (rather
// than truncating, which would make a malformed feed) past MaxFeedBytes.
func ReadLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFeedBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading feed: %w", err)
	}
	if len(data) > MaxFeedBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxFeedBytes)
	}
	return data, nil
}
