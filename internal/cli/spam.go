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
	"math"
	"os"
	"strings"
	"time"

	"masthead/internal/config"
	"masthead/internal/filter"
	"masthead/internal/spam"
)

// trainBatch is how many examples one transaction of the learning log
// takes during training.
const trainBatch = 1000

type spamOpts struct{ data string }

// spamCommand trains and measures the running filter: the model that
// newModel returns (the default one every instance starts from) plus the
// learning log in the database.
func spamCommand(newModel func() (filter.Model, error)) *command {
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
		run: func(ctx context.Context, c *call) error { return runSpam(ctx, c, newModel) },
	}
}

func runSpam(ctx context.Context, c *call, newModel func() (filter.Model, error)) error {
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
	model, err := newModel()
	if err != nil {
		return err
	}
	st, err := c.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	f := filter.New(model, st, slog.New(slog.NewTextHandler(c.env.Stderr, nil)))
	if _, err := f.Load(ctx); err != nil {
		return fmt.Errorf("load the learning log: %w", err)
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

// evalResult is eval's summary; spam is the positive class.
type evalResult struct {
	N         int     `json:"n"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	TN        int     `json:"tn"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	FPR       float64 `json:"fpr"`
	PerSecond float64 `json:"per_second"`
}

func eval(c *call, f *filter.Filter, records []spam.Labelled) error {
	var r evalResult
	comments := make([]spam.Comment, len(records))
	for i, rec := range records {
		comments[i] = rec.Comment()
	}
	start := time.Now()
	for i, rec := range records {
		said := f.Check(comments[i]).Class.IsSpam()
		switch {
		case said && rec.Spam():
			r.TP++
		case said:
			r.FP++
		case rec.Spam():
			r.FN++
		default:
			r.TN++
		}
	}
	elapsed := time.Since(start)
	r.N = len(records)
	r.Precision = ratio(r.TP, r.TP+r.FP)
	r.Recall = ratio(r.TP, r.TP+r.FN)
	if r.Precision+r.Recall > 0 {
		r.F1 = round(2 * r.Precision * r.Recall / (r.Precision + r.Recall))
	}
	r.FPR = ratio(r.FP, r.FP+r.TN)
	if elapsed > 0 {
		r.PerSecond = math.Round(float64(r.N) / elapsed.Seconds())
	}
	fmt.Fprintf(c.stdout, "%d comments: %d spam caught, %d missed; %d ham kept, %d called spam\n",
		r.N, r.TP, r.FN, r.TN, r.FP)
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, string(line))
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round(float64(a) / float64(b))
}

func round(x float64) float64 { return math.Round(x*1e4) / 1e4 }

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

// defaultSpamCommand is the spam command over the default model.
func defaultSpamCommand() *command { return spamCommand(filter.Default) }
