package tensor

import "fmt"

// SetData replaces t's values with a copy of src's, keeping t itself: the same
// tensor, still a parameter if it was one, still requiring a gradient. It is
// PyTorch's `t.data = src`, the chapters' way of putting hand-made kernels into a
// layer:
//
//	conv1.Weight.SetData(kernels1) // conv1.weight.data = kernels1
//
// As in PyTorch, t takes src's shape, which may differ from its own; a gradient t
// already holds is then dropped, since it no longer fits. Two differences, on
// purpose: the values are converted to t's dtype (a float64 source into a float32
// weight stays float32, where PyTorch would change the weight's dtype and the layer
// would then fail), and t gets its own copy (PyTorch shares src's storage, so a
// later change to src would change the weight). SetData is outside autograd; t
// must be a leaf (a parameter, or a tensor made by the reader).
func (t *Tensor) SetData(src *Tensor) *Tensor {
	if src == nil {
		panic(fmt.Sprintf("tensor.SetData: source is nil (destination %v %v)", t.shape, t.dtype))
	}
	if t.fn != nil {
		panic(fmt.Sprintf("tensor.SetData: t (shape %v) has grad_fn %s; set the data of a leaf, such as a layer's Weight", t.shape, t.fn.name))
	}
	c := src.castRaw(t.dtype)
	if c == src {
		c = src.clone()
	}
	if !sameShape(t.shape, c.shape) {
		t.grad = nil
	}
	t.shape = append([]int{}, c.shape...)
	t.f32, t.f64, t.i64, t.i32, t.b = c.f32, c.f64, c.i64, c.i32, c.b
	t.view = nil
	return t
}
