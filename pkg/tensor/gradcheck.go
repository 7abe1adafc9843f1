package tensor

import (
	"fmt"
	"math"
)

// GradCheck checks the gradients of an op against central differences, as
// torch.autograd.gradcheck does: it is the test to write for an op of one's own built
// with Record. f computes the op from inputs (float32 or float64 leaves; GradCheck
// makes them require grad and clears their gradients); the scalar compared is
// sum(f() * w) for a fixed random w, so every output element counts with its own
// weight. Each input element is moved by ±eps in place and the numerical derivative
// (up - down) / 2eps must be within atol + rtol*|numerical| of the gradient Backward
// gave. It returns nil, or an error naming the first input and element that differ.
//
// Float64 inputs with eps 1e-6 and atol, rtol around 1e-5 check most ops tightly;
// float32 inputs need a larger eps (1e-2) and tolerances (1e-3) for rounding.
func GradCheck(f func() *Tensor, inputs []*Tensor, eps, atol, rtol float64) error {
	for _, x := range inputs {
		if !x.dtype.IsFloat() {
			return fmt.Errorf("tensor.GradCheck: input of dtype %v (shape %v) cannot have a gradient", x.dtype, x.shape)
		}
		x.RequiresGrad()
		x.ZeroGrad()
	}
	out := f()
	if !out.NeedsGrad() {
		return fmt.Errorf("tensor.GradCheck: the output (shape %v) does not require grad; is the op recorded with Record?", out.shape)
	}
	w := Randn(NewGenerator(7), out.shape...).To(out.dtype)
	out.Backward(w)
	wv := w.ToFloat64s()
	loss := func() float64 {
		var s float64
		NoGrad(func() {
			o := f()
			for i := range wv {
				s += o.at(i) * wv[i]
			}
		})
		return s
	}
	for k, x := range inputs {
		if x.Grad() == nil {
			return fmt.Errorf("tensor.GradCheck: input %d (shape %v) got no gradient", k, x.shape)
		}
		grad := x.Grad().ToFloat64s()
		for i := range grad {
			orig := x.at(i)
			x.set(i, orig+eps)
			up := loss()
			x.set(i, orig-eps)
			down := loss()
			x.set(i, orig)
			num := (up - down) / (2 * eps)
			if math.Abs(grad[i]-num) > atol+rtol*math.Abs(num) {
				return fmt.Errorf("tensor.GradCheck: input %d (shape %v) element %d: gradient %v, numerical %v", k, x.shape, i, grad[i], num)
			}
		}
	}
	return nil
}
