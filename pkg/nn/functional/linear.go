package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Linear returns x @ w.T + b, PyTorch's F.linear: x is [..., in], w is [out, in] and
// b is [out] or nil (no bias). The result is [..., out].
//
// A float32 matrix x takes the fused path: one Sgemm for the forward pass and one per
// wanted gradient, recorded as AddmmBackward0 (MmBackward0 without a bias), as
// PyTorch names them; a float32 batch of matrices [..., in] goes the same way through
// a reshape. A single vector and integer tensors (chapter 6 multiplies int64
// matrices) are computed with tensor.MatMul and Add, so they follow PyTorch's rules
// for those cases, grad_fn names included.
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
		panic(fmt.Sprintf("%s: weight must be [out_features, in_features], got shape %v", op, []int(w.Shape())))
	}
	out, in := w.Shape()[0], w.Shape()[1]
	if x.Dim() == 0 || x.Shape()[x.Dim()-1] != in {
		panic(fmt.Sprintf("%s: input shape %v does not end in in_features %d of weight %v", op, []int(x.Shape()), in, []int(w.Shape())))
	}
	if b != nil && (b.Dim() != 1 || b.Shape()[0] != out) {
		panic(fmt.Sprintf("%s: bias shape %v must be [%d] for weight %v", op, []int(b.Shape()), out, []int(w.Shape())))
	}
	if x.DType() == tensor.Float32 && w.DType() == tensor.Float32 && (b == nil || b.DType() == tensor.Float32) {
		switch {
		case x.Dim() == 2:
			return linear32(x, w, b)
		case x.Dim() > 2:
			// A batch of matrices: one product over all their rows, then the
			// shape back (PyTorch does the same and prints ViewBackward0).
			shape := append([]int(nil), x.Shape()...)
			shape[len(shape)-1] = out
			return linear32(x.Reshape(-1, in), w, b).View(shape...)
		}
	}
	y := x.MatMul(w.T())
	if b != nil {
		y = y.Add(b)
	}
	return y
}

// linear32 is the fused float32 path for x [N, in].
func linear32(x, w, b *tensor.Tensor) *tensor.Tensor {
	n, in := x.Shape()[0], x.Shape()[1]
	out := w.Shape()[0]
	y := tensor.Empty(n, out)
	yd, xd, wd := y.Float32s(), x.Float32s(), w.Float32s()
	beta := float32(0)
	if b != nil {
		bd := b.Float32s()
		for i := 0; i < n; i++ {
			copy(yd[i*out:(i+1)*out], bd)
		}
		beta = 1
	}
	impl := blas32.Implementation()
	// y[N, out] = x[N, in] * w[out, in]^T (+ y holding the bias)
	impl.Sgemm(blas.NoTrans, blas.Trans, n, out, in, 1, xd, in, wd, in, beta, yd, out)
	name := "MmBackward0"
	inputs := []*tensor.Tensor{x, w}
	if b != nil {
		name = "AddmmBackward0"
		inputs = append(inputs, b)
	}
	return tensor.Record(name, y, inputs, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := gy.Float32s()
		grads := make([]*tensor.Tensor, len(inputs))
		if x.IsRequiresGrad() {
			// dx[N, in] = gy[N, out] * w[out, in]
			dx := tensor.EmptyGrad(tensor.Float32, n, in)
			impl.Sgemm(blas.NoTrans, blas.NoTrans, n, in, out, 1, g, out, w.Float32s(), in, 0, dx.Float32s(), in)
			grads[0] = dx
		}
		if w.IsRequiresGrad() {
			// dw[out, in] = gy[N, out]^T * x[N, in]
			dw := tensor.EmptyGrad(tensor.Float32, out, in)
			impl.Sgemm(blas.Trans, blas.NoTrans, out, in, n, 1, g, out, x.Float32s(), in, 0, dw.Float32s(), in)
			grads[1] = dw
		}
		if b != nil && b.IsRequiresGrad() {
			db := tensor.EmptyGrad(tensor.Float32, out)
			sumRows(g, n, out, db.Float32s())
			grads[2] = db
		}
		return grads
	})
}

// sumRows writes the column sums of m [n, c] into dst [c], accumulating in float64.
func sumRows(m []float32, n, c int, dst []float32) {
	if n == 1 {
		copy(dst, m[:c])
		return
	}
	acc := make([]float64, c)
	for i := 0; i < n; i++ {
		for j, v := range m[i*c : (i+1)*c] {
			acc[j] += float64(v)
		}
	}
	for j, v := range acc {
		dst[j] = float32(v)
	}
}
