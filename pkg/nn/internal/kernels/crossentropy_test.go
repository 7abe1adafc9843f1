package kernels

import (
	"fmt"
	"math"
	"testing"
)

func TestCrossEntropyRowsByHand(t *testing.T) {
	// Row 0: scores (0, ln 3): softmax (1/4, 3/4); class 1 -> -ln(3/4).
	// Row 1: equal scores over 3 classes; class 2 -> ln 3.
	// Row 2: huge scores must not overflow; class 0 -> ln(1 + e^-1).
	x := []float64{0, math.Log(3), 0, 7, 7, 7, 1000, 999, math.Inf(-1)}
	// Pad rows to 3 classes: row 0's third score is -inf (probability 0).
	x[2] = math.Inf(-1)
	tg := []int64{1, 2, 0}
	lse := make([]float64, 3)
	loss := make([]float64, 3)
	LogSumExpRows(x, 3, 3, lse)
	CrossEntropyRows(x, 3, 3, tg, lse, loss)
	want := []float64{-math.Log(0.75), math.Log(3), math.Log(1 + math.Exp(-1))}
	for i := range want {
		if math.Abs(loss[i]-want[i]) > 1e-12 {
			t.Fatalf("loss[%d] = %v, want %v", i, loss[i], want[i])
		}
	}
}

func TestCrossEntropyGradNumerically(t *testing.T) {
	x := []float64{0.3, -1.2, 2.0, 0.5, 0.1, 0.1, -0.7, 1.5}
	tg := []int64{2, 0}
	const n, c = 2, 4
	total := func(x []float64) float64 {
		lse := make([]float64, n)
		loss := make([]float64, n)
		LogSumExpRows(x, n, c, lse)
		CrossEntropyRows(x, n, c, tg, lse, loss)
		return (loss[0] + loss[1]) / n
	}
	lse := make([]float64, n)
	LogSumExpRows(x, n, c, lse)
	dx := make([]float64, len(x))
	CrossEntropyGrad(x, n, c, tg, lse, func(int) float64 { return 1.0 / n }, dx)
	for i := range x {
		const h = 1e-6
		xp := append([]float64(nil), x...)
		xm := append([]float64(nil), x...)
		xp[i] += h
		xm[i] -= h
		num := (total(xp) - total(xm)) / (2 * h)
		if math.Abs(num-dx[i]) > 1e-8 {
			t.Fatalf("dx[%d] = %v, numerical %v", i, dx[i], num)
		}
	}
}

func TestCheckTargets(t *testing.T) {
	CheckTargets("CrossEntropyLoss", []int64{0, 9}, 10)
	defer func() {
		want := "CrossEntropyLoss: target 10 (sample 1) is out of bounds for 10 classes"
		if msg := fmt.Sprint(recover()); msg != want {
			t.Fatalf("panic %q, want %q", msg, want)
		}
	}()
	CheckTargets("CrossEntropyLoss", []int64{3, 10}, 10)
}
