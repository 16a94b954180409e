package cli

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"masthead/internal/config"
	"masthead/internal/filter"
	"masthead/internal/spam"
)

// trainBatch is how many examples one transaction of the learning log
// takes during training.
const trainBatch = 1000

type spamOpts struct{ data string }

// spamCommand trains and measures the running filter: the default model
// every instance starts from plus the learning log in the database.
func spamCommand() *command {
	return &command{
		summary: "train the spam filter from a labelled file, or measure it",
		usage:   "train|eval --data FILE.jsonl",
		help: `FILE.jsonl holds one labelled comment a line:
  {"label": "spam"|"ham", "author": …, "email": …, "url": …, "content": …}
(.jsonl.gz is read too).

  train  learns every line through the filter: the labels go to the
         database's learning log, so every instance, now and after a
         restart, learns them too.
  eval   scores every line with the filter as it stands (default model plus
         what it has learned) without learning, and prints a summary whose
         last line is a JSON object: n, tp, fp, tn, fn, precision, recall,
         f1, fpr (spam is the positive class) and per_second.`,
		flags: func(fs *flag.FlagSet, _ *config.Config, _ Env) any {
			o := &spamOpts{}
			fs.StringVar(&o.data, "data", "", "labelled comments, one JSON object a line")
			return o
		},
		run: runSpam,
	}
}

func runSpam(ctx context.Context, c *call) error {
	o := c.opts.(*spamOpts)
	if len(c.args) != 1 || (c.args[0] != "train" && c.args[0] != "eval") {
		return fmt.Errorf("%w: want 'spam train --data FILE' or 'spam eval --data FILE'", errUsage)
	}
	if o.data == "" {
		return fmt.Errorf("%w: --data FILE is required", errUsage)
	}
	records, err := readLabelled(o.data)
	if err != nil {
		return fmt.Errorf("%s: %w", o.data, err)
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := openFilter(ctx, st, slog.New(slog.NewTextHandler(c.env.Stderr, nil)))
	if err != nil {
		return fmt.Errorf("load the spam filter: %w", err)
	}
	if c.args[0] == "train" {
		return train(ctx, c, f, records)
	}
	return eval(c, f, records)
}

func train(ctx context.Context, c *call, f *filter.Filter, records []spam.Labelled) error {
	nSpam := 0
	for start := 0; start < len(records); start += trainBatch {
		part := records[start:min(len(records), start+trainBatch)]
		examples := make([]filter.Example, len(part))
		for i, r := range part {
			examples[i] = filter.Example{Comment: r.Comment(), Label: filter.Ham}
			if r.Spam() {
				examples[i].Label = filter.Spam
				nSpam++
			}
		}
		if err := f.LearnAll(ctx, examples, filter.SourceTraining); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "learned %d comments (%d spam, %d ham); the learning log is at event %d\n",
		len(records), nSpam, len(records)-nSpam, f.Applied())
	return nil
}

// eval scores the records with the model as loaded (default plus the
// learning log) and prints the spam package's metrics.
func eval(c *call, model spam.Checker, records []spam.Labelled) error {
	m := spam.Evaluate(model, records)
	fmt.Fprintf(c.stdout, "%d comments: %d spam caught, %d missed; %d ham kept, %d called spam\n",
		m.N, m.TP, m.FN, m.TN, m.FP)
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, string(line))
	return nil
}

// readLabelled reads a labelled corpus, gzip-compressed when its name ends
// in .gz.
func readLabelled(path string) ([]spam.Labelled, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var r io.Reader = fh
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(fh)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	}
	recs, err := spam.ReadJSONL(r)
	if err == nil && len(recs) == 0 {
		err = errors.New("no labelled comments in the file")
	}
	return recs, err
}
