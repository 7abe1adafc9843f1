package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Conv2d convolves x [N, C, H, W] with weight w [OC, C, KH, KW] (cross-correlation,
// as PyTorch's F.conv2d), adds bias b [OC] when it is not nil, and returns
// [N, OC, OH, OW] with OH = (H + 2*padding - dilation*(KH-1) - 1)/stride + 1.
// stride and padding are an int or an (h, w) pair ([2]int{2, 1}); dilation, the step
// between kernel taps, is optional: none is 1, one value is used for both dims, two
// are (h, w), as PyTorch's dilation=. x, w and b are all float32 or all float64
// (a model made float64 with nn.Double).
//
// The whole batch is one im2col matrix and one matrix product; the backward pass
// uses two more (weight and input gradients, each only when needed). The column
// matrix is kept from the forward pass for the backward pass and then returned to a
// free list, so a training loop does not allocate it per batch. Plain float32
// convolutions (stride 1, no padding, output rows a multiple of 8 wide: the lessons')
// read the input in place instead and build no column matrix, with the same results
// bit for bit (kernels.ConvForwardDirect). grad_fn: ConvolutionBackward0.
func Conv2d[S, P IntOrPair](x, w, b *tensor.Tensor, stride S, padding P, dilation ...int) *tensor.Tensor {
	const op = "F.Conv2d"
	g := convGeom(op, x, w, b, pair(stride), pair(padding), dilationPair(op, dilation))
	if x.DType() == tensor.Float64 {
		return conv2d[float64](g, x, w, b)
	}
	return conv2d[float32](g, x, w, b)
}

func conv2d[T tensor.Float](g kernels.ConvGeom, x, w, b *tensor.Tensor) *tensor.Tensor {
	y := emptyOf[T](g.N, g.OC, g.OH(), g.OW())
	var bd []T
	if b != nil {
		bd = floatData[T](b)
	}
	var col []T
	if kernels.CanDirect[T](g) {
		// No column matrix: the backward pass builds one if it runs.
		f := kernels.As[float32, T]
		kernels.ConvForwardDirect(g, f(floatData[T](x)), f(floatData[T](w)), f(bd), f(floatData[T](y)))
	} else {
		col = kernels.Get[T](g.ColRows() * g.ColCols())
		tmp := kernels.Get[T](g.OC * g.ColCols())
		kernels.ConvForward(g, floatData[T](x), floatData[T](w), bd, floatData[T](y), col, tmp)
		kernels.Put(tmp)
	}
	inputs := []*tensor.Tensor{x, w}
	if b != nil {
		inputs = append(inputs, b)
	}
	recorded := tensor.Record("ConvolutionBackward0", y, inputs, func(gy *tensor.Tensor) []*tensor.Tensor {
		direct := col == nil && kernels.CanDirectBackward[T](g)
		if col == nil && !direct {
			// The direct forward pass made none, or a second backward through the same
			// graph comes after the first returned it to the free list: build it.
			col = kernels.Get[T](g.ColRows() * g.ColCols())
			kernels.Im2Col(g, floatData[T](x), col)
		}
		grads := make([]*tensor.Tensor, len(inputs))
		var dx, dw, db, dcol []T
		if x.NeedsGrad() {
			grads[0] = gradOf[T](g.N, g.C, g.H, g.W)
			dx = floatData[T](grads[0])
			if !direct {
				dcol = kernels.Get[T](g.ColRows() * g.ColCols())
			}
		}
		if w.NeedsGrad() {
			grads[1] = gradOf[T](w.Shape()...)
			dw = floatData[T](grads[1])
		}
		if b != nil && b.NeedsGrad() {
			grads[2] = gradOf[T](g.OC)
			db = floatData[T](grads[2])
		}
		tmp := kernels.Get[T](g.OC * g.ColCols())
		if direct {
			// Gradients without a column matrix: x read in place, dx formed tile by tile.
			f := kernels.As[float32, T]
			kernels.ConvBackwardDirect(g, f(floatData[T](gy)), f(floatData[T](x)), f(floatData[T](w)), f(dx), f(dw), f(db), f(tmp))
		} else {
			kernels.ConvBackward(g, floatData[T](gy), floatData[T](w), col, dx, dw, db, tmp, dcol)
			kernels.Put(col)
			col = nil
		}
		kernels.Put(tmp)
		if dcol != nil {
			kernels.Put(dcol)
		}
		return grads
	})
	if recorded.GradFn() == "" && col != nil {
		// No graph (NoGrad, or nothing requires a gradient): the backward function
		// will never run, so the column matrix can go back at once.
		kernels.Put(col)
		col = nil
	}
	return recorded
}

func convGeom(op string, x, w, b *tensor.Tensor, stride, padding, dilation [2]int) kernels.ConvGeom {
	if x == nil || w == nil {
		panic(fmt.Sprintf("%s: input and weight must not be nil", op))
	}
	if x.Dim() != 4 || w.Dim() != 4 {
		panic(tensor.ShapeErrorf(op, "want input [N, C, H, W] and weight [OC, C, KH, KW], got %v and %v", x.Shape(), w.Shape()))
	}
	if dt := x.DType(); dt != tensor.Float32 && dt != tensor.Float64 {
		panic(fmt.Sprintf("%s: input must be float32 or float64, got %v (convert with .Float())", op, dt))
	}
	if w.DType() != x.DType() {
		panic(fmt.Sprintf("%s: input is %v but weight is %v; make them the same (.Float() or .Double() on the input, nn.Double(model) on the model)",
			op, x.DType(), w.DType()))
	}
	if b != nil && b.DType() != x.DType() {
		panic(fmt.Sprintf("%s: input is %v but bias is %v; make them the same (.Float() or .Double())", op, x.DType(), b.DType()))
	}
	xs, ws := x.Shape(), w.Shape()
	if xs[1] != ws[1] {
		panic(tensor.ShapeErrorf(op, "input %v has %d channels but weight %v expects %d", xs, xs[1], ws, ws[1]))
	}
	if b != nil && (b.Dim() != 1 || b.DimSize(0) != ws[0]) {
		panic(tensor.ShapeErrorf(op, "bias shape %v must be [%d] for weight %v", b.Shape(), ws[0], ws))
	}
	if dilation[0] < 1 || dilation[1] < 1 {
		panic(fmt.Sprintf("%s: dilation (%d, %d) must be positive", op, dilation[0], dilation[1]))
	}
	g := kernels.ConvGeom{N: xs[0], C: xs[1], H: xs[2], W: xs[3], OC: ws[0], KH: ws[2], KW: ws[3],
		SH: stride[0], SW: stride[1], PH: padding[0], PW: padding[1], DH: dilation[0], DW: dilation[1]}
	g.Check(op)
	return g
}
