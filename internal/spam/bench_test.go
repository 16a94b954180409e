package spam

import (
	"testing"
)

func benchComments(b *testing.B) (*Model, []Comment) {
	b.Helper()
	corpus, err := DefaultCorpus()
	if err != nil {
		b.Fatal(err)
	}
	m := Train(corpus)
	cs := make([]Comment, len(corpus))
	for i, s := range corpus {
		cs[i] = s.Comment()
	}
	return m, cs
}

// BenchmarkCheck is the verdict on corpus messages, one goroutine.
func BenchmarkCheck(b *testing.B) {
	m, cs := benchComments(b)
	i := 0
	for b.Loop() {
		m.Check(cs[i%len(cs)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

// BenchmarkCheckParallel is the verdict on all cores at once.
func BenchmarkCheckParallel(b *testing.B) {
	m, cs := benchComments(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Check(cs[i%len(cs)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

// BenchmarkLearn is one moderation decision: features and learning.
func BenchmarkLearn(b *testing.B) {
	m, cs := benchComments(b)
	i := 0
	for b.Loop() {
		m.Learn(m.Features(cs[i%len(cs)]), i%3 == 0)
		i++
	}
}

// BenchmarkNewDefault is the start-up cost: reading and training on the
// embedded corpus.
func BenchmarkNewDefault(b *testing.B) {
	for b.Loop() {
		if _, err := NewDefault(); err != nil {
			b.Fatal(err)
		}
	}
}
