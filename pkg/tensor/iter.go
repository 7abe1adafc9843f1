package tensor

import (
	"fmt"
	"iter"
)

// Rows iterates over t along dim 0 with the index of each row, Python's
// `for idx, item in enumerate(x):` written `for idx, item := range x.Rows()`
// (`for _, item := range x.Rows()` is `for item in x:`). Each item is x.Index(idx): a view
// that shares x's storage and carries SelectBackward0 when x requires grad, as in PyTorch.
// The number of rows is read once, at the start of the loop.
func (t *Tensor) Rows() iter.Seq2[int, *Tensor] {
	if t.Dim() == 0 {
		panic(fmt.Sprintf("tensor.Rows: iteration over a 0-d tensor (shape %v)", t.shape))
	}
	return func(yield func(int, *Tensor) bool) {
		n := t.shape[0]
		for i := range n {
			if !yield(i, t.Index(i)) {
				return
			}
		}
	}
}
