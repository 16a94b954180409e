package filter

import (
	"context"

	"masthead/internal/spam"
)

// Model is what the filter needs of a spam model; *spam.Model is one.
// Features names what the model sees in a comment as plain strings, and
// Learn applies a label to such strings, so a label can be stored and
// replayed elsewhere: replaying the same events in the same order on a
// fresh model must reach the same state. The filter serializes Learn
// against Check and Features, so a Model need not lock.
type Model interface {
	Check(c spam.Comment) spam.Verdict
	Features(c spam.Comment) []string
	Learn(features []string, spam bool)
}

// Default returns the model every instance starts from: the spam
// package's default model, trained on its embedded corpus (about half a
// second).
func Default() (Model, error) {
	m, err := spam.NewDefault()
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Initial returns the model Load should start from: the latest snapshot's
// when there is one it can read, since Load replaces the model with it
// anyway and training the default model first would be half a second
// wasted at every start; otherwise the default model.
func Initial(ctx context.Context, snaps Snapshots) (Model, error) {
	if snap, err := snaps.LatestSpamSnapshot(ctx); err == nil {
		m := spam.New()
		if m.UnmarshalBinary(snap.Data) == nil {
			return m, nil
		}
	}
	return Default()
}
