package tensor

import (
	"fmt"
	"iter"
)

// Rows iterates over t along dim 0 with the index of each row, Python's
// `for idx, item in enumerate(x):` written `for idx, item := range x.Rows()`
// (`for _, item := range x.Rows()` is `for item in x:`). Each item is x.Index(idx): a view
// that shares x's storage. When x requires grad the rows carry UnbindBackward0, the name
// PyTorch 1.13 prints for the rows of a Python for loop (it iterates with unbind(0)); the
// gradient is Index's.
// The number of rows is read once, at the start of the loop.
func (t *Tensor) Rows() iter.Seq2[int, *Tensor] {
	if t.Dim() == 0 {
		panic(fmt.Sprintf("tensor.Rows: iteration over a 0-d tensor (shape %v)", t.shape))
	}
	return func(yield func(int, *Tensor) bool) {
		n := t.shape[0]
		for i := range n {
			row := t.Index(i)
			if row.fn != nil {
				row.fn.name = "UnbindBackward0"
			}
			if !yield(i, row) {
				return
			}
		}
	}
}
