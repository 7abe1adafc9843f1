package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Conv2d convolves x [N, C, H, W] with weight w [OC, C, K, K] (cross-correlation,
// as PyTorch's F.conv2d), adds bias b [OC] when it is not nil, and returns
// [N, OC, OH, OW] with OH = (H + 2*padding - K)/stride + 1. Inputs are float32.
//
// The whole batch is one im2col matrix and one Sgemm; the backward pass uses two
// more (weight and input gradients, each only when needed). The column matrix is
// kept from the forward pass for the backward pass and then returned to a free
// list, so a training loop does not allocate it per batch. grad_fn:
// ConvolutionBackward0.
func Conv2d(x, w, b *tensor.Tensor, stride, padding int) *tensor.Tensor {
	const op = "F.Conv2d"
	g := convGeom(op, x, w, b, stride, padding)
	y := tensor.Empty(g.N, g.OC, g.OH(), g.OW())
	var bd []float32
	if b != nil {
		bd = b.Float32s()
	}
	col := kernels.Floats(g.ColRows() * g.ColCols())
	tmp := kernels.Floats(g.OC * g.ColCols())
	kernels.ConvForward(g, x.Float32s(), w.Float32s(), bd, y.Float32s(), col, tmp)
	kernels.PutFloats(tmp)
	inputs := []*tensor.Tensor{x, w}
	if b != nil {
		inputs = append(inputs, b)
	}
	recorded := tensor.Record("ConvolutionBackward0", y, inputs, func(gy *tensor.Tensor) []*tensor.Tensor {
		if col == nil {
			// A second backward through the same graph: the column matrix went back
			// to the free list after the first, so rebuild it.
			col = kernels.Floats(g.ColRows() * g.ColCols())
			kernels.Im2Col(g, x.Float32s(), col)
		}
		grads := make([]*tensor.Tensor, len(inputs))
		var dx, dw, db, dcol []float32
		if x.IsRequiresGrad() {
			grads[0] = tensor.Empty(g.N, g.C, g.H, g.W)
			dx = grads[0].Float32s()
			dcol = kernels.Floats(len(col))
		}
		if w.IsRequiresGrad() {
			grads[1] = tensor.Empty(w.Shape()...)
			dw = grads[1].Float32s()
		}
		if b != nil && b.IsRequiresGrad() {
			grads[2] = tensor.Empty(g.OC)
			db = grads[2].Float32s()
		}
		tmp := kernels.Floats(g.OC * g.ColCols())
		kernels.ConvBackward(g, gy.Float32s(), w.Float32s(), col, dx, dw, db, tmp, dcol)
		kernels.PutFloats(tmp)
		if dcol != nil {
			kernels.PutFloats(dcol)
		}
		kernels.PutFloats(col)
		col = nil
		return grads
	})
	if recorded.GradFn() == "" {
		// No graph (NoGrad, or nothing requires a gradient): the backward function
		// will never run, so the column matrix can go back at once.
		kernels.PutFloats(col)
		col = nil
	}
	return recorded
}

func convGeom(op string, x, w, b *tensor.Tensor, stride, padding int) kernels.ConvGeom {
	if x.Dim() != 4 || w.Dim() != 4 {
		panic(fmt.Sprintf("%s: want input [N, C, H, W] and weight [OC, C, KH, KW], got %v and %v", op, []int(x.Shape()), []int(w.Shape())))
	}
	if x.DType() != tensor.Float32 || w.DType() != tensor.Float32 || (b != nil && b.DType() != tensor.Float32) {
		panic(fmt.Sprintf("%s: input and weight must be float32 (torch.float32), got %v and %v (convert with .Float())", op, x.DType(), w.DType()))
	}
	xs, ws := x.Shape(), w.Shape()
	if xs[1] != ws[1] {
		panic(fmt.Sprintf("%s: input %v has %d channels but weight %v expects %d", op, []int(xs), xs[1], []int(ws), ws[1]))
	}
	if b != nil && (b.Dim() != 1 || b.Shape()[0] != ws[0]) {
		panic(fmt.Sprintf("%s: bias shape %v must be [%d] for weight %v", op, []int(b.Shape()), ws[0], []int(ws)))
	}
	g := kernels.ConvGeom{N: xs[0], C: xs[1], H: xs[2], W: xs[3], OC: ws[0], KH: ws[2], KW: ws[3],
		SH: stride, SW: stride, PH: padding, PW: padding}
	g.Check(op)
	return g
}
