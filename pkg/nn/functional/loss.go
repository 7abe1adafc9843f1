package functional

import (
	"fmt"
	"math"
	"slices"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Reduction says how a loss combines its per-element values, as PyTorch's
// reduction= argument: "mean" (the default), "sum" or "none" (one loss per element).
type Reduction string

// The three reductions PyTorch offers.
const (
	ReductionMean Reduction = "mean"
	ReductionSum  Reduction = "sum"
	ReductionNone Reduction = "none"
)

// Check panics, naming op, unless r is one of the three reductions.
func (r Reduction) Check(op string) {
	if r != ReductionMean && r != ReductionSum && r != ReductionNone {
		panic(fmt.Sprintf(`%s: reduction %q is not one of "mean", "sum", "none"`, op, string(r)))
	}
}

// MSELoss is the mean squared error between input and target of the same shape
// (PyTorch's F.mse_loss): mean((input - target)^2), or the sum, or the element-wise
// squares for ReductionNone. grad_fn: MseLossBackward0.
//
// Unlike PyTorch, input and target must have the same shape: PyTorch broadcasts,
// say, [112, 1] against [112] into [112, 112] with only a warning, which is almost
// never what the reader meant.
func MSELoss(input, target *tensor.Tensor, r Reduction) *tensor.Tensor {
	const op = "F.MSELoss"
	r.Check(op)
	checkSameShape(op, input, target)
	switch input.DType() {
	case tensor.Float32:
		return mse(input, target, r, input.Float32s(), target.Float32s())
	case tensor.Float64:
		return mse(input, target, r, input.Float64s(), target.Float64s())
	}
	panic(fmt.Sprintf("%s: input must be float32 or float64, got %v", op, input.DType()))
}

func mse[T kernels.Float](input, target *tensor.Tensor, r Reduction, x, t []T) *tensor.Tensor {
	n := len(x)
	var y *tensor.Tensor
	if r == ReductionNone {
		y = tensor.ZerosLike(input)
		out := raw[T](y)
		for i := range x {
			d := x[i] - t[i]
			out[i] = d * d
		}
	} else {
		var s float64
		for i := range x {
			d := float64(x[i]) - float64(t[i])
			s += d * d
		}
		if r == ReductionMean {
			s /= float64(n)
		}
		y = scalarLike(input, s)
	}
	return tensor.Record("MseLossBackward0", y, []*tensor.Tensor{input, target}, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := raw[T](gy)
		dx := tensor.ZerosLike(input)
		d := raw[T](dx)
		for i := range x {
			gi := g[0]
			if r == ReductionNone {
				gi = g[i]
			}
			d[i] = 2 * (x[i] - t[i]) * gi
			if r == ReductionMean {
				d[i] /= T(n)
			}
		}
		grads := []*tensor.Tensor{nil, nil}
		if input.IsRequiresGrad() {
			grads[0] = dx
		}
		if target.IsRequiresGrad() {
			grads[1] = dx.Neg()
		}
		return grads
	})
}

// CrossEntropy is PyTorch's F.cross_entropy with class indices: input holds raw
// scores [N, C] (not probabilities: the log-softmax is inside, as in PyTorch),
// target the classes [N] as int64 in [0, C). The loss of sample i is
// -log(softmax(input[i])[target[i]]); they are averaged (ReductionMean), summed, or
// returned one per sample. Fused: one pass forward, one backward, computed in
// float64 for accuracy. grad_fn: NllLossBackward0, as PyTorch prints it.
func CrossEntropy(input, target *tensor.Tensor, r Reduction) *tensor.Tensor {
	const op = "F.CrossEntropy"
	r.Check(op)
	if input.Dim() != 2 || target.Dim() != 1 || target.Shape()[0] != input.Shape()[0] {
		panic(fmt.Sprintf("%s: want scores [N, C] and class indices [N], got %v and %v", op, []int(input.Shape()), []int(target.Shape())))
	}
	if target.DType() != tensor.Int64 {
		panic(fmt.Sprintf("%s: target must hold class indices as int64 (torch.int64), got %v (convert with .Long())", op, target.DType()))
	}
	switch input.DType() {
	case tensor.Float32:
		return crossEntropy(op, input, target, r, input.Float32s())
	case tensor.Float64:
		return crossEntropy(op, input, target, r, input.Float64s())
	}
	panic(fmt.Sprintf("%s: scores must be float32 or float64, got %v", op, input.DType()))
}

func crossEntropy[T kernels.Float](op string, input, target *tensor.Tensor, r Reduction, x []T) *tensor.Tensor {
	n, c := input.Shape()[0], input.Shape()[1]
	t := target.Int64s()
	kernels.CheckTargets(op, t, c)
	lse := make([]float64, n)
	loss := make([]float64, n)
	kernels.LogSumExpRows(x, n, c, lse)
	kernels.CrossEntropyRows(x, n, c, t, lse, loss)
	var y *tensor.Tensor
	if r == ReductionNone {
		y = tensor.Zeros(n).To(input.DType())
		out := raw[T](y)
		for i, v := range loss {
			out[i] = T(v)
		}
	} else {
		var s float64
		for _, v := range loss {
			s += v
		}
		if r == ReductionMean {
			s /= float64(n)
		}
		y = scalarLike(input, s)
	}
	return tensor.Record("NllLossBackward0", y, []*tensor.Tensor{input, target}, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := raw[T](gy)
		dx := tensor.ZerosLike(input)
		kernels.CrossEntropyGrad(x, n, c, t, lse, func(i int) float64 {
			switch r {
			case ReductionNone:
				return float64(g[i])
			case ReductionMean:
				return float64(g[0]) / float64(n)
			}
			return float64(g[0])
		}, raw[T](dx))
		return []*tensor.Tensor{dx, nil}
	})
}

// BinaryCrossEntropy is PyTorch's F.binary_cross_entropy: input holds probabilities
// in [0, 1] (a sigmoid's output), target the labels 0 or 1 (or any value in
// [0, 1]) as floats of the same shape. The loss of each element is
// -(t log(x) + (1 - t) log(1 - x)), with each log clamped at -100 as PyTorch does so
// that a confident wrong answer costs 100, not infinity. grad_fn:
// BinaryCrossEntropyBackward0.
func BinaryCrossEntropy(input, target *tensor.Tensor, r Reduction) *tensor.Tensor {
	const op = "F.BinaryCrossEntropy"
	r.Check(op)
	checkSameShape(op, input, target)
	switch input.DType() {
	case tensor.Float32:
		return bce(op, input, target, r, input.Float32s(), target.Float32s())
	case tensor.Float64:
		return bce(op, input, target, r, input.Float64s(), target.Float64s())
	}
	panic(fmt.Sprintf("%s: input must be float32 or float64, got %v", op, input.DType()))
}

func bce[T kernels.Float](op string, input, target *tensor.Tensor, r Reduction, x, t []T) *tensor.Tensor {
	n := len(x)
	for i, v := range x {
		if !(v >= 0 && v <= 1) {
			panic(fmt.Sprintf("%s: input[%d] = %v is not a probability in [0, 1] (apply a sigmoid first)", op, i, v))
		}
	}
	elem := func(i int) float64 {
		xi, ti := float64(x[i]), float64(t[i])
		return -(ti*max(math.Log(xi), -100) + (1-ti)*max(math.Log(1-xi), -100))
	}
	var y *tensor.Tensor
	if r == ReductionNone {
		y = tensor.ZerosLike(input)
		out := raw[T](y)
		for i := range x {
			out[i] = T(elem(i))
		}
	} else {
		var s float64
		for i := range x {
			s += elem(i)
		}
		if r == ReductionMean {
			s /= float64(n)
		}
		y = scalarLike(input, s)
	}
	return tensor.Record("BinaryCrossEntropyBackward0", y, []*tensor.Tensor{input, target}, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := raw[T](gy)
		dx := tensor.ZerosLike(input)
		d := raw[T](dx)
		for i := range x {
			gi := float64(g[0])
			switch r {
			case ReductionNone:
				gi = float64(g[i])
			case ReductionMean:
				gi /= float64(n)
			}
			xi, ti := float64(x[i]), float64(t[i])
			// PyTorch's formula, with its 1e-12 floor on the denominator.
			d[i] = T(gi * (xi - ti) / max((1-xi)*xi, 1e-12))
		}
		return []*tensor.Tensor{dx, nil}
	})
}

func checkSameShape(op string, input, target *tensor.Tensor) {
	if !slices.Equal(input.Shape(), target.Shape()) {
		panic(fmt.Sprintf("%s: input %v and target %v differ in shape (PyTorch would broadcast them, rarely what is meant: reshape one)",
			op, []int(input.Shape()), []int(target.Shape())))
	}
	if input.DType() != target.DType() {
		panic(fmt.Sprintf("%s: input is %v but target is %v (convert the target with .Float() or .Double())", op, input.DType(), target.DType()))
	}
}

// raw returns t's storage as []T; T matches t's dtype by construction at the callers.
func raw[T kernels.Float](t *tensor.Tensor) []T {
	var z T
	switch any(z).(type) {
	case float32:
		return any(t.Float32s()).([]T)
	default:
		return any(t.Float64s()).([]T)
	}
}

// scalarLike returns a 0-d tensor holding v in like's float dtype.
func scalarLike(like *tensor.Tensor, v float64) *tensor.Tensor {
	if like.DType() == tensor.Float64 {
		return tensor.New(v, tensor.Float64)
	}
	return tensor.New(float32(v))
}
