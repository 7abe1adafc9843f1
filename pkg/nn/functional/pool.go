package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MaxPool2d takes the maximum over kernel-sized windows of x [N, C, H, W] (or
// [C, H, W]) moved by stride (0 means stride = kernel, PyTorch's default), with the
// input padded by padding on every side with -inf, as PyTorch pads: padding never
// wins a window. kernel, stride and padding are an int or an (h, w) pair
// ([2]int{2, 3}); padding must be at most half the kernel size. dilation, the step
// between window taps, is optional (none is 1; one value or (h, w)). x is float32 or
// float64. grad_fn: MaxPool2DWithIndicesBackward0; the gradient goes to the first
// maximum of each window.
func MaxPool2d[K, S, P IntOrPair](x *tensor.Tensor, kernel K, stride S, padding P, dilation ...int) *tensor.Tensor {
	const op = "F.MaxPool2d"
	k, s, p, d := pair(kernel), pair(stride), pair(padding), dilationPair(op, dilation)
	if s == [2]int{} {
		s = k
	}
	if x == nil {
		panic(fmt.Sprintf("%s: input must not be nil", op))
	}
	if dt := x.DType(); dt != tensor.Float32 && dt != tensor.Float64 {
		panic(fmt.Sprintf("%s: input must be float32 or float64, got %v (convert with .Float())", op, dt))
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
	if d[0] < 1 || d[1] < 1 {
		panic(fmt.Sprintf("%s: dilation (%d, %d) must be positive", op, d[0], d[1]))
	}
	g.KH, g.KW, g.SH, g.SW, g.PH, g.PW, g.DH, g.DW = k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]
	g.Check(op)
	if x.DType() == tensor.Float64 {
		return maxPool2d[float64](g, x)
	}
	return maxPool2d[float32](g, x)
}

func maxPool2d[T tensor.Float](g kernels.PoolGeom, x *tensor.Tensor) *tensor.Tensor {
	xs := x.Shape()
	shape := []int{g.N, g.C, g.OH(), g.OW()}
	if len(xs) == 3 {
		shape = shape[1:]
	}
	y := emptyOf[T](shape...)
	idx := kernels.Int32s(y.Numel())
	kernels.MaxPoolForward(g, floatData[T](x), floatData[T](y), idx)
	recorded := tensor.Record("MaxPool2DWithIndicesBackward0", y, []*tensor.Tensor{x}, func(gy *tensor.Tensor) []*tensor.Tensor {
		if idx == nil {
			// A second backward through the same graph: find the maxima again.
			idx = kernels.Int32s(y.Numel())
			scratch := kernels.Get[T](y.Numel())
			kernels.MaxPoolForward(g, floatData[T](x), scratch, idx)
			kernels.Put(scratch)
		}
		dx := gradOf[T](xs...)
		kernels.MaxPoolBackward(g, floatData[T](gy), idx, floatData[T](dx))
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
