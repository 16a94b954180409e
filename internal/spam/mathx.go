package spam

import "math"

// The learning path must give bit-identical weights on every replica, so
// it avoids math.Exp (which has assembly versions per architecture) and
// writes every product that feeds a sum through an explicit conversion,
// which in Go forbids fusing it into a multiply-add.

const (
	ln2Hi  = 6.93147180369123816490e-01 // ln 2, upper bits: k*ln2Hi is exact
	ln2Lo  = 1.90821492927058770002e-10 // ln 2 - ln2Hi
	invLn2 = 1.44269504088896338700e+00
)

// exp returns e**x to within a few ulps, identically on every platform.
func exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 700:
		x = 700
	case x < -700:
		x = -700
	}
	k := math.Round(float64(x * invLn2))
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo) // |r| <= 0.35
	// Taylor series to degree 13: the remainder is below 1e-17 here.
	p := 1.0 / 6227020800
	for _, c := range [...]float64{1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800,
		1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24,
		1.0 / 6, 1.0 / 2, 1, 1} {
		p = float64(p*r) + c
	}
	return math.Ldexp(p, int(k))
}

// sigmoid maps log-odds to a probability.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + exp(-z))
	}
	ez := exp(z)
	return ez / (1 + ez)
}
