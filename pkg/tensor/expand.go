package tensor

import "fmt"

// Expand is x.expand(*sizes): t repeated along its size-1 dims (and new leading dims) to
// shape; -1 keeps a dim's size. PyTorch returns a stride-0 view; Kosaku copies, and the
// copy refuses in-place writes as T's does. The grad_fn is ExpandBackward0, whose
// backward sums the gradient back to t's shape. Losses use it to broadcast an input
// against a target of another shape, as PyTorch's do.
func (t *Tensor) Expand(shape ...int) *Tensor {
	if t == nil {
		panic("tensor.Expand: nil tensor")
	}
	if len(shape) < t.Dim() {
		panic(fmt.Sprintf("tensor.Expand: the number of sizes provided (%d) must be greater or equal to the number of dimensions in the tensor (%d) (shape %v to %v)", len(shape), t.Dim(), t.shape, shape))
	}
	out := make([]int, len(shape))
	lead := len(shape) - t.Dim()
	for i, s := range shape {
		j := i - lead
		switch {
		case s == -1 && j < 0:
			panic(fmt.Sprintf("tensor.Expand: -1 is not allowed in a leading, non-existing dimension %d (shape %v to %v)", i, t.shape, shape))
		case s == -1:
			out[i] = t.shape[j]
		case s < 0:
			panic(fmt.Sprintf("tensor.Expand: size %d at dim %d is negative (shape %v to %v)", s, i, t.shape, shape))
		case j >= 0 && t.shape[j] != 1 && t.shape[j] != s:
			panic(fmt.Sprintf("tensor.Expand: the expanded size of the tensor (%d) must match the existing size (%d) at non-singleton dimension %d. Target sizes: %v. Tensor sizes: %v", s, t.shape[j], i, shape, t.shape))
		default:
			out[i] = s
		}
	}
	if sameShape(out, t.shape) {
		return t
	}
	res := expandTo(t, out).markCopy("Expand")
	inShape := append([]int(nil), t.shape...)
	return Record("ExpandBackward0", res, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{sumToShape(g, inShape)}
	})
}
