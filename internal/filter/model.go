package filter

import "masthead/internal/spam"

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
