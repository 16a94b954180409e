package spam

import "time"

// Metrics measure a model on labelled samples; spam is the positive class.
type Metrics struct {
	N         int     `json:"n"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	TN        int     `json:"tn"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	FPR       float64 `json:"fpr"`        // ham marked spam, over all ham
	PerSecond float64 `json:"per_second"` // verdicts per second, one goroutine
}

// Checker gives verdicts: a Model, or anything that serves one.
type Checker interface {
	Check(c Comment) Verdict
}

// Evaluate checks every sample with model (which it does not change) and
// counts the outcomes. Spam and discard verdicts both count as spam.
func Evaluate(model Checker, samples []Labelled) Metrics {
	var mt Metrics
	mt.finish(mt.count(model, samples))
	return mt
}

// count adds the outcomes on samples to mt and returns the time spent in
// verdicts.
func (mt *Metrics) count(model Checker, samples []Labelled) time.Duration {
	var elapsed time.Duration
	for _, s := range samples {
		c := s.Comment()
		t0 := time.Now()
		v := model.Check(c)
		elapsed += time.Since(t0)
		mt.add(s.Spam(), v.Class.IsSpam())
	}
	return elapsed
}

// CrossValidate trains on all but one of k folds and evaluates on that
// fold, k times, and returns the pooled metrics. A sample's fold follows
// from its ID (its position when IDs are missing), so the split does not
// depend on the order of the file.
func CrossValidate(samples []Labelled, k int) Metrics {
	var mt Metrics
	var elapsed time.Duration
	fold := func(i int) int {
		h := uint64(i)
		if samples[i].ID != "" {
			h = hashString(samples[i].ID)
		}
		return int(mix(h) % uint64(k))
	}
	for f := range k {
		var train, test []Labelled
		for i, s := range samples {
			if fold(i) == f {
				test = append(test, s)
			} else {
				train = append(train, s)
			}
		}
		elapsed += mt.count(Train(train), test)
	}
	mt.finish(elapsed)
	return mt
}

func (mt *Metrics) add(spam, predicted bool) {
	mt.N++
	switch {
	case spam && predicted:
		mt.TP++
	case spam:
		mt.FN++
	case predicted:
		mt.FP++
	default:
		mt.TN++
	}
}

func (mt *Metrics) finish(elapsed time.Duration) {
	mt.Precision = ratio(mt.TP, mt.TP+mt.FP)
	mt.Recall = ratio(mt.TP, mt.TP+mt.FN)
	if mt.Precision+mt.Recall > 0 {
		mt.F1 = 2 * mt.Precision * mt.Recall / (mt.Precision + mt.Recall)
	}
	mt.FPR = ratio(mt.FP, mt.FP+mt.TN)
	if elapsed > 0 {
		mt.PerSecond = float64(mt.N) / elapsed.Seconds()
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
