package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Dropout zeroes each element of x with probability p and scales the others by
// 1/(1-p) ("inverted" dropout, as PyTorch does), so that the expected value of every
// element is unchanged and evaluation needs no rescaling. When training is false, or
// p is 0, it returns x itself. The random mask is drawn from g (nil: the global
// generator seeded by tensor.ManualSeed). p must lie in [0, 1]; p = 1 zeroes
// everything. x is float32 or float64. grad_fn: MulBackward0.
func Dropout(x *tensor.Tensor, p float64, training bool, g *tensor.Generator) *tensor.Tensor {
	if p < 0 || p > 1 {
		panic(fmt.Sprintf("F.Dropout: probability %v is not between 0 and 1", p))
	}
	if !training || p == 0 {
		return x
	}
	// The mask holds 0 or 1/(1-p) and is multiplied in, so the gradient is the same
	// mask: dropped elements get none.
	mask := tensor.ZerosLike(x).Uniform_(0, 1, g)
	switch x.DType() {
	case tensor.Float32:
		dropMask(mask.Float32s(), p)
	case tensor.Float64:
		dropMask(mask.Float64s(), p)
	default:
		panic(fmt.Sprintf("F.Dropout: input must be float32 or float64, got %v", x.DType()))
	}
	return x.Mul(mask)
}

// dropMask turns uniform draws u into the dropout mask: 0 where u < p, else 1/(1-p).
func dropMask[T tensor.Float](m []T, p float64) {
	scale := T(0)
	if p < 1 {
		scale = T(1 / (1 - p))
	}
	for i, u := range m {
		if float64(u) < p {
			m[i] = 0
		} else {
			m[i] = scale
		}
	}
}
