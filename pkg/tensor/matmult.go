package tensor

import "fmt"

// MatMulT returns x @ wᵀ, plus bias when it is not nil: the product behind F.Linear
// (torch.addmm(bias, x, w.t()), as PyTorch's F.linear computes it) for x [N, in],
// w [out, in] and bias [out], all float32 or all float64. The result is [N, out],
// with grad_fn AddmmBackward0 (MmBackward0 without bias).
//
// It is one GEMM that reads w transposed in place, where x.MatMul(w.T()).Add(bias)
// would copy wᵀ and add the bias afterwards: the bias is copied into the result
// first and the product added onto it, so each output element is rounded as
// PyTorch's addmm rounds it (beta = 1). The gradients are dx = gy @ w,
// dw = gyᵀ @ x and, for the bias, the column sums of gy accumulated in float64.
func MatMulT(x, w, bias *Tensor) *Tensor {
	const op = "tensor.MatMulT"
	if x == nil || w == nil {
		panic(op + ": an operand is nil")
	}
	if x.Dim() != 2 || w.Dim() != 2 || x.shape[1] != w.shape[1] {
		panic(ShapeErrorf(op, "shapes %v and %v cannot be multiplied as x @ wᵀ (want [N, in] and [out, in])", x.shape, w.shape))
	}
	n, in, out := x.shape[0], x.shape[1], w.shape[0]
	if bias != nil && (bias.Dim() != 1 || bias.shape[0] != out) {
		panic(ShapeErrorf(op, "bias shape %v must be [%d] for weight %v", bias.shape, out, w.shape))
	}
	if !x.dtype.IsFloat() || w.dtype != x.dtype || (bias != nil && bias.dtype != x.dtype) {
		panic(fmt.Sprintf("%s: x %v, w %v and bias must share one float dtype, got %v and %v", op, x.shape, w.shape, x.dtype, w.dtype))
	}
	y := newTensor(x.dtype, []int{n, out})
	if bias != nil {
		if y.dtype == Float32 {
			repeatRow(y.f32, bias.f32)
		} else {
			repeatRow(y.f64, bias.f64)
		}
	}
	gemm(false, true, n, out, in, x, 0, w, 0, y, 0, bias != nil)
	name := "MmBackward0"
	inputs := []*Tensor{x, w}
	if bias != nil {
		name = "AddmmBackward0"
		inputs = append(inputs, bias)
	}
	return Record(name, y, inputs, func(gy *Tensor) []*Tensor {
		grads := make([]*Tensor, len(inputs))
		if x.NeedsGrad() {
			grads[0] = newGrad(x.dtype, x.shape)
			gemm(false, false, n, in, out, gy, 0, w, 0, grads[0], 0, false)
		}
		if w.NeedsGrad() {
			grads[1] = newGrad(w.dtype, w.shape)
			gemm(true, false, out, in, n, gy, 0, x, 0, grads[1], 0, false)
		}
		if bias != nil && bias.NeedsGrad() {
			grads[2] = columnSums(gy)
		}
		return grads
	})
}

// columnSums returns the sums of m's columns ([n, c] to [c]), accumulated in float64
// so that a float32 bias gradient over a large batch loses nothing to rounding.
func columnSums(m *Tensor) *Tensor {
	n, c := m.shape[0], m.shape[1]
	dst := newGrad(m.dtype, []int{c})
	acc := make([]float64, c)
	switch {
	case n == 1:
		// One row is its own sum: no round trip through float64.
		copy(dst.f32, m.f32)
		copy(dst.f64, m.f64)
	case m.dtype == Float32:
		for i := 0; i < n; i++ {
			for j, v := range m.f32[i*c : (i+1)*c] {
				acc[j] += float64(v)
			}
		}
		for j, v := range acc {
			dst.f32[j] = float32(v)
		}
	default:
		for i := 0; i < n; i++ {
			for j, v := range m.f64[i*c : (i+1)*c] {
				acc[j] += v
			}
		}
		copy(dst.f64, acc)
	}
	return dst
}

// repeatRow fills dst with copies of row.
func repeatRow[T any](dst, row []T) {
	for i := 0; i < len(dst); i += len(row) {
		copy(dst[i:], row)
	}
}
