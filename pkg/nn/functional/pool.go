package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MaxPool2d takes the maximum over kernel x kernel windows of x [N, C, H, W] (or
// [C, H, W]) moved by stride (0 means stride = kernel, PyTorch's default), with the
// input padded by padding on every side with -inf, as PyTorch pads: padding never
// wins a window. padding must be at most kernel/2. Inputs are float32.
// grad_fn: MaxPool2DWithIndicesBackward0; the gradient goes to the first maximum of
// each window.
func MaxPool2d(x *tensor.Tensor, kernel, stride, padding int) *tensor.Tensor {
	const op = "F.MaxPool2d"
	if stride == 0 {
		stride = kernel
	}
	if x.DType() != tensor.Float32 {
		panic(fmt.Sprintf("%s: input must be float32 (torch.float32), got %v", op, x.DType()))
	}
	xs := x.Shape()
	var g kernels.PoolGeom
	switch len(xs) {
	case 4:
		g = kernels.PoolGeom{N: xs[0], C: xs[1], H: xs[2], W: xs[3]}
	case 3:
		g = kernels.PoolGeom{N: 1, C: xs[0], H: xs[1], W: xs[2]}
	default:
		panic(fmt.Sprintf("%s: want input [N, C, H, W] or [C, H, W], got %v", op, []int(xs)))
	}
	g.KH, g.KW, g.SH, g.SW, g.PH, g.PW = kernel, kernel, stride, stride, padding, padding
	g.Check(op)
	shape := []int{g.N, g.C, g.OH(), g.OW()}
	if len(xs) == 3 {
		shape = shape[1:]
	}
	y := tensor.Empty(shape...)
	idx := kernels.Int32s(y.Numel())
	kernels.MaxPoolForward(g, x.Float32s(), y.Float32s(), idx)
	recorded := tensor.Record("MaxPool2DWithIndicesBackward0", y, []*tensor.Tensor{x}, func(gy *tensor.Tensor) []*tensor.Tensor {
		if idx == nil {
			// A second backward through the same graph: find the maxima again.
			idx = kernels.Int32s(y.Numel())
			scratch := kernels.Floats(y.Numel())
			kernels.MaxPoolForward(g, x.Float32s(), scratch, idx)
			kernels.PutFloats(scratch)
		}
		dx := tensor.Empty(xs...)
		kernels.MaxPoolBackward(g, gy.Float32s(), idx, dx.Float32s())
		kernels.PutInt32s(idx)
		idx = nil
		return []*tensor.Tensor{dx}
	})
	if recorded.GradFn() == "" {
		kernels.PutInt32s(idx)
		idx = nil
	}
	return recorded
}
