package kernels

import (
	"fmt"
	"math"
)

// Float is the element type of the loss kernels: the lessons train in float32, and
// float64 tensors work too.
type Float interface{ ~float32 | ~float64 }

// LogSumExpRows writes into lse[i] log(sum_j exp(x[i, j])) of every row of x [N, C],
// shifted by the row maximum so that large scores do not overflow.
func LogSumExpRows[T Float](x []T, n, c int, lse []float64) {
	for i := 0; i < n; i++ {
		row := x[i*c:][:c]
		m := math.Inf(-1)
		for _, v := range row {
			m = max(m, float64(v))
		}
		if math.IsInf(m, -1) {
			lse[i] = m // every score -inf: log(0)
			continue
		}
		var s float64
		for _, v := range row {
			s += math.Exp(float64(v) - m)
		}
		lse[i] = m + math.Log(s)
	}
}

// CheckTargets panics, naming op, if a class index lies outside [0, c).
func CheckTargets(op string, t []int64, c int) {
	for i, k := range t {
		if k < 0 || k >= int64(c) {
			panic(fmt.Sprintf("%s: target %d (sample %d) is out of bounds for %d classes", op, k, i, c))
		}
	}
}

// CrossEntropyRows writes into loss[i] the negative log-likelihood of class t[i]
// under the softmax of row i of x [N, C]: lse[i] - x[i, t[i]]. lse comes from
// LogSumExpRows; targets must have passed CheckTargets.
func CrossEntropyRows[T Float](x []T, n, c int, t []int64, lse, loss []float64) {
	for i := 0; i < n; i++ {
		loss[i] = lse[i] - float64(x[i*c+int(t[i])])
	}
}

// CrossEntropyGrad writes into dx [N, C] the gradient of the per-row losses:
// (softmax(x[i]) - onehot(t[i])) * g[i], where g[i] is the gradient of row i's loss
// (1/N times the output gradient for a mean, the output gradient for a sum).
func CrossEntropyGrad[T Float](x []T, n, c int, t []int64, lse []float64, g func(i int) float64, dx []T) {
	for i := 0; i < n; i++ {
		gi := g(i)
		row := x[i*c:][:c]
		out := dx[i*c:][:c]
		for j, v := range row {
			out[j] = T(math.Exp(float64(v)-lse[i]) * gi)
		}
		out[t[i]] -= T(gi)
	}
}
