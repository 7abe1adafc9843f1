package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Linear returns x @ w.T + b, PyTorch's F.linear: x is [..., in], w is [out, in] and
// b is [out] or nil (no bias). The result is [..., out].
//
// A float32 matrix x is one tensor.MatMulT, a GEMM that reads w transposed in place
// with the bias added in (AddmmBackward0, MmBackward0 without a bias, as PyTorch
// names them); a float32 batch of matrices [..., in] goes the same way through a
// reshape. A single vector, float64 and integer tensors (chapter 6 multiplies int64
// matrices) are computed with tensor.MatMul and Add, so they follow PyTorch's rules
// for those cases, grad_fn names included, and round as they always have.
func Linear(x, w, b *tensor.Tensor) *tensor.Tensor {
	const op = "F.Linear"
	switch {
	case w == nil:
		panic(op + ": weight is a nil tensor")
	case x == nil:
		panic(fmt.Sprintf("%s: input is a nil tensor (weight %v)", op, []int(w.Shape())))
	}
	if xd, wd := x.DType(), w.DType(); xd != wd && xd.IsFloat() && wd.IsFloat() {
		hint := ".Float()"
		if wd == tensor.Float64 {
			hint = ".Double()"
		}
		panic(fmt.Sprintf("%s: input %v is %v but weight %v is %v (PyTorch: mat1 and mat2 must have the same dtype); convert the input with %s",
			op, []int(x.Shape()), xd, []int(w.Shape()), wd, hint))
	}
	if w.Dim() != 2 {
		panic(tensor.ShapeErrorf(op, "weight must be [out_features, in_features], got shape %v", w.Shape()))
	}
	out, in := w.DimSize(0), w.DimSize(1)
	if x.Dim() == 0 || x.DimSize(-1) != in {
		panic(tensor.ShapeErrorf(op, "input shape %v does not end in in_features %d of weight %v", x.Shape(), in, w.Shape()))
	}
	if b != nil && (b.Dim() != 1 || b.DimSize(0) != out) {
		panic(tensor.ShapeErrorf(op, "bias shape %v must be [%d] for weight %v", b.Shape(), out, w.Shape()))
	}
	if x.DType() == tensor.Float32 && w.DType() == tensor.Float32 && (b == nil || b.DType() == tensor.Float32) {
		switch {
		case x.Dim() == 2:
			return tensor.MatMulT(x, w, b)
		case x.Dim() > 2:
			// A batch of matrices: one product over all their rows, then the
			// shape back (PyTorch does the same and prints ViewBackward0).
			shape := append([]int(nil), x.Shape()...)
			shape[len(shape)-1] = out
			return tensor.MatMulT(x.Reshape(-1, in), w, b).View(shape...)
		}
	}
	y := x.MatMul(w.T())
	if b != nil {
		y = y.Add(b)
	}
	return y
}
