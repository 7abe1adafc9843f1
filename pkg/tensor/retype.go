package tensor

import "fmt"

// SetDType converts t's values to the float dtype dt in place and returns t: the
// same tensor, still a parameter, still requiring a gradient, now of dtype dt, with
// a gradient it holds converted too. It is what PyTorch's model.double() and
// model.float() do to every parameter (param.data = param.data.double()), and
// nn.Double / nn.Float call it; a reader converts a whole model with those. Do it
// before creating the optimiser, whose state keeps the old dtype. t must be a leaf
// that owns its storage (not a view of another tensor).
func (t *Tensor) SetDType(dt DType) *Tensor {
	switch {
	case !dt.IsFloat() || !t.dtype.IsFloat():
		panic(fmt.Sprintf("tensor.SetDType: converts between float32 and float64 only, got %v to %v (shape %v)", t.dtype, dt, t.shape))
	case t.fn != nil:
		panic(fmt.Sprintf("tensor.SetDType: t (shape %v) has grad_fn %s; convert a leaf, such as a layer's Weight", t.shape, t.fn.name))
	case t.view != nil && t.view.base != nil:
		panic(fmt.Sprintf("tensor.SetDType: t (shape %v) is a view of another tensor; convert that tensor, or Clone t first", t.shape))
	case dt == t.dtype:
		return t
	}
	c := t.convert(dt)
	t.dtype, t.f32, t.f64 = dt, c.f32, c.f64
	if t.grad != nil && t.grad.dtype != dt {
		t.grad.SetDType(dt)
	}
	return t
}
