package spam

import (
	"math"
	"testing"
)

func TestExpMatchesMath(t *testing.T) {
	for x := -30.0; x <= 30; x += 0.37 {
		got, want := exp(x), math.Exp(x)
		if d := (got - want) / want; d > 1e-14 || d < -1e-14 {
			t.Errorf("exp(%v) = %v, want %v", x, got, want)
		}
	}
	if s := sigmoid(0); s != 0.5 {
		t.Errorf("sigmoid(0) = %v", s)
	}
}
