package spam

import (
	"bufio"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
)

// corpusFS holds the labelled corpus the default model is trained on: the
// training part (70 %, 4,232 messages) of the SpamAssassin public corpus
// shaped as comments, gzip-compressed.
//
//go:embed corpus/train.jsonl.gz
var corpusFS embed.FS

const corpusPath = "corpus/train.jsonl.gz"

// Labelled is one record of a labelled corpus in JSON Lines form:
// {"id", "label": "spam"|"ham", "author", "email", "url", "content"}.
type Labelled struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Author  string `json:"author"`
	Email   string `json:"email"`
	URL     string `json:"url"`
	Content string `json:"content"`
}

// Spam reports whether the record is labelled spam.
func (l Labelled) Spam() bool { return l.Label == "spam" }

// Comment returns the record as a comment without context.
func (l Labelled) Comment() Comment {
	return Comment{Author: l.Author, Email: l.Email, URL: l.URL, Content: l.Content}
}

// ReadJSONL reads a labelled corpus, one JSON object a line; blank lines
// are skipped and labels other than "spam" and "ham" are an error.
func ReadJSONL(r io.Reader) ([]Labelled, error) {
	var out []Labelled
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var l Labelled
		if err := json.Unmarshal(b, &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if l.Label != "spam" && l.Label != "ham" {
			return nil, fmt.Errorf("line %d: label %q is neither spam nor ham", line, l.Label)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return out, nil
}

// DefaultCorpus returns the embedded labelled corpus.
func DefaultCorpus() ([]Labelled, error) {
	f, err := corpusFS.Open(corpusPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return ReadJSONL(zr)
}
