// Package shapes holds the shape arithmetic that pkg/tensor and pkg/nn/functional
// share, so that both broadcast by the one rule and differ only in their messages.
package shapes

// Mismatch says where two shapes fail to broadcast: at dimension Dim of the result,
// a has size A and b size B, neither of them 1.
type Mismatch struct {
	Dim, A, B int
}

// Broadcast returns PyTorch's (NumPy's) broadcast of shapes a and b: aligned from
// the last dimension, a missing dimension counts as 1, and a size 1 stretches to
// the other's size. For shapes that do not broadcast it returns the first mismatch.
func Broadcast(a, b []int) ([]int, *Mismatch) {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := range n {
		da, db := 1, 1
		if j := len(a) - n + i; j >= 0 {
			da = a[j]
		}
		if j := len(b) - n + i; j >= 0 {
			db = b[j]
		}
		switch {
		case da == db || db == 1:
			out[i] = da
		case da == 1:
			out[i] = db
		default:
			return nil, &Mismatch{Dim: i, A: da, B: db}
		}
	}
	return out, nil
}
