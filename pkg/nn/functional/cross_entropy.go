package functional

import (
	"fmt"
	"math"
	"slices"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// CrossEntropyOption is a keyword argument of CrossEntropy, named after PyTorch's:
// F.CrossEntropy(scores, classes, F.ReductionMean, F.LabelSmoothing(0.1)).
type CrossEntropyOption struct {
	name  string
	apply func(*CrossEntropyOptions)
}

// CrossEntropyOptions holds CrossEntropy's keyword arguments; nn.CrossEntropyLoss
// keeps them in its fields. Start from DefaultCrossEntropyOptions: the zero value
// would ignore class 0 instead of PyTorch's -100.
type CrossEntropyOptions struct {
	// Weight rescales the loss of each class ([C], the input's dtype), or nil.
	Weight *tensor.Tensor
	// IgnoreIndex is a target class that contributes no loss and no gradient and
	// does not count in the mean (PyTorch's default -100).
	IgnoreIndex int64
	// LabelSmoothing in [0, 1] mixes the target with the uniform distribution
	// over the classes: (1 - eps) * target + eps / C.
	LabelSmoothing float64
}

// DefaultCrossEntropyOptions returns PyTorch's defaults: no weight,
// ignore_index=-100, label_smoothing=0.
func DefaultCrossEntropyOptions() CrossEntropyOptions {
	return CrossEntropyOptions{IgnoreIndex: -100}
}

// Options returns o as options to pass to CrossEntropy.
func (o CrossEntropyOptions) Options() []CrossEntropyOption {
	return []CrossEntropyOption{Weight(o.Weight), IgnoreIndex(o.IgnoreIndex), LabelSmoothing(o.LabelSmoothing)}
}

// Weight gives each class's loss a weight (PyTorch's weight=): a 1-D tensor of C
// values in the input's dtype; nil means all ones. With ReductionMean the weighted
// sum is divided by the sum of the weights of the samples' target classes.
func Weight(w *tensor.Tensor) CrossEntropyOption {
	return CrossEntropyOption{"Weight", func(o *CrossEntropyOptions) { o.Weight = w }}
}

// IgnoreIndex sets a target class that is skipped (PyTorch's ignore_index=,
// default -100): no loss, no gradient, not counted by ReductionMean.
func IgnoreIndex(i int64) CrossEntropyOption {
	return CrossEntropyOption{"IgnoreIndex", func(o *CrossEntropyOptions) { o.IgnoreIndex = i }}
}

// LabelSmoothing mixes the targets with the uniform distribution (PyTorch's
// label_smoothing=, default 0): the target becomes (1 - eps) * target + eps / C.
func LabelSmoothing(eps float64) CrossEntropyOption {
	return CrossEntropyOption{"LabelSmoothing", func(o *CrossEntropyOptions) { o.LabelSmoothing = eps }}
}

// CrossEntropy is PyTorch's F.cross_entropy. input holds raw scores (not
// probabilities: the log-softmax is inside, as in PyTorch) as [N, C], [C] for one
// unbatched sample, or [N, C, d1, ...] for a score per class at every position.
// target is either
//
//   - class indices as int64 in [0, C), of the input's shape without the class
//     dimension ([N], a 0-d tensor, or [N, d1, ...]); the loss at each position is
//     -weight[t] * log(softmax(input)[t]) (grad_fn NllLossBackward0, or
//     NllLoss2DBackward0 with positions, as PyTorch names them), or
//   - class probabilities of the input's own shape and dtype (soft targets, e.g.
//     a mixup of labels); the loss is -sum_c weight[c] * target[c] *
//     log(softmax(input)[c]) (grad_fn DivBackward1 for the mean, NegBackward0
//     otherwise), and the target gets a gradient if it requires one.
//
// The per-position losses are averaged (ReductionMean: divided by the summed
// weights of the counted targets for class indices, by the number of positions for
// probabilities), summed, or returned as they are (ReductionNone). Options: Weight,
// IgnoreIndex and LabelSmoothing (with label smoothing on class indices the
// grad_fn is AddBackward0, as in PyTorch). Computed in float64 with one fused
// backward; the plain [N, C] case of the chapters runs on a dedicated kernel.
func CrossEntropy(input, target *tensor.Tensor, r Reduction, opts ...CrossEntropyOption) *tensor.Tensor {
	const op = "F.CrossEntropy"
	r.Check(op)
	o := DefaultCrossEntropyOptions()
	for _, opt := range opts {
		opt.apply(&o)
	}
	checkNotNil(op, input, target)
	if d := input.DType(); d != tensor.Float32 && d != tensor.Float64 {
		panic(fmt.Sprintf("%s: scores must be float32 or float64, got %v", op, d))
	}
	if input.Dim() == 0 {
		panic(fmt.Sprintf("%s: scores must have a class dimension ([C], [N, C] or [N, C, d1, ...]), got a 0-d tensor", op))
	}
	if !(o.LabelSmoothing >= 0 && o.LabelSmoothing <= 1) {
		panic(fmt.Sprintf("%s: label_smoothing must be between 0.0 and 1.0. Got: %v", op, o.LabelSmoothing))
	}
	g := newCEGeometry(input)
	if w := o.Weight; w != nil && (w.Dim() != 1 || w.Numel() != g.c) {
		panic(tensor.ShapeErrorf(op, "weight tensor should be defined either for all %d classes or no classes but got weight tensor of shape: %v", g.c, w.Shape()))
	} else if w != nil && w.DType() != input.DType() {
		panic(fmt.Sprintf("%s: weight is %v but the scores are %v (convert it with .Float() or .Double())", op, w.DType(), input.DType()))
	}
	if slices.Equal(input.Shape(), target.Shape()) {
		// Same shape: class probabilities, as PyTorch decides.
		if target.DType() != input.DType() {
			panic(fmt.Sprintf("%s: target %v has the scores' shape, so it must hold class probabilities in their dtype %v, got %v (class indices have no class dimension)",
				op, []int(target.Shape()), input.DType(), target.DType()))
		}
		if o.IgnoreIndex != -100 {
			panic(fmt.Sprintf("%s: ignore_index is not supported for floating point target (class probabilities %v)", op, []int(target.Shape())))
		}
		if input.DType() == tensor.Float32 {
			return ceProbs(input, target, r, o, g, input.Float32s(), target.Float32s())
		}
		return ceProbs(input, target, r, o, g, input.Float64s(), target.Float64s())
	}
	if want := g.targetShape(); !slices.Equal(target.Shape(), want) {
		if input.Dim() >= 2 && target.Dim() >= 1 && target.DimSize(0) != g.n {
			panic(tensor.ShapeErrorf(op, "expected input batch_size (%d) to match target batch_size (%d): scores %v, classes %v",
				g.n, target.DimSize(0), input.Shape(), target.Shape()))
		}
		panic(tensor.ShapeErrorf(op, "want scores [N, C] and class indices [N] (or class probabilities of the scores' shape), got %v and %v",
			input.Shape(), target.Shape()))
	}
	if target.DType() != tensor.Int64 {
		panic(fmt.Sprintf("%s: target must hold class indices as int64 (torch.int64), got %v (convert with .Long())", op, target.DType()))
	}
	t := target.Int64s()
	if input.Dim() == 2 && o.Weight == nil && o.LabelSmoothing == 0 && !slices.Contains(t, o.IgnoreIndex) {
		// The chapters' case: a dedicated kernel.
		if input.DType() == tensor.Float32 {
			return crossEntropy(op, input, target, r, input.Float32s())
		}
		return crossEntropy(op, input, target, r, input.Float64s())
	}
	for i, k := range t {
		if k != o.IgnoreIndex && (k < 0 || k >= int64(g.c)) {
			panic(fmt.Sprintf("%s: target %d (sample %d) is out of bounds for %d classes", op, k, i, g.c))
		}
	}
	if input.DType() == tensor.Float32 {
		return ceIndices(input, target, r, o, g, input.Float32s())
	}
	return ceIndices(input, target, r, o, g, input.Float64s())
}

// ceGeometry is the layout of the scores: n samples, c classes, inner positions per
// sample (the product of d1, ...). Element (i, j, k) is at (i*c+j)*inner + k.
type ceGeometry struct {
	shape       []int
	n, c, inner int
	unbatched   bool
}

func newCEGeometry(input *tensor.Tensor) ceGeometry {
	s := input.Shape()
	if len(s) == 1 {
		return ceGeometry{shape: s, n: 1, c: s[0], inner: 1, unbatched: true}
	}
	inner := 1
	for _, d := range s[2:] {
		inner *= d
	}
	return ceGeometry{shape: s, n: s[0], c: s[1], inner: inner}
}

// targetShape is the shape of class indices and of ReductionNone's output.
func (g ceGeometry) targetShape() []int {
	if g.unbatched {
		return []int{}
	}
	return append([]int{g.n}, g.shape[2:]...)
}

// logSumExp returns, for every position p = i*inner + k, log(sum_j exp(x[i, j, k])).
func logSumExp[T tensor.Float](g ceGeometry, x []T) []float64 {
	lse := make([]float64, g.n*g.inner)
	for i := 0; i < g.n; i++ {
		for k := 0; k < g.inner; k++ {
			base := i*g.c*g.inner + k
			m := math.Inf(-1)
			for j := 0; j < g.c; j++ {
				m = max(m, float64(x[base+j*g.inner]))
			}
			var s float64
			for j := 0; j < g.c; j++ {
				s += math.Exp(float64(x[base+j*g.inner]) - m)
			}
			lse[i*g.inner+k] = m + math.Log(s)
		}
	}
	return lse
}

// classWeights returns the weights as float64, all ones when w is nil.
func classWeights(w *tensor.Tensor, c int) []float64 {
	if w == nil {
		ws := make([]float64, c)
		for j := range ws {
			ws[j] = 1
		}
		return ws
	}
	return w.ToFloat64s()
}

// reduceLoss turns per-position losses into the output tensor: as they are
// (shape), summed, or summed and divided by denom.
func reduceLoss(input *tensor.Tensor, r Reduction, loss []float64, shape []int, denom float64) *tensor.Tensor {
	if r == ReductionNone {
		if len(shape) == 0 { // one unbatched sample: a 0-d loss
			return scalarLike(input, loss[0])
		}
		return tensor.FromSlice(loss, shape...).To(input.DType())
	}
	return reduce(input, r, len(loss), denom, func(i int) float64 { return loss[i] })
}

// ceIndices is the general cross-entropy with class indices: weights, an ignored
// class, label smoothing, any number of positions.
func ceIndices[T tensor.Float](input, target *tensor.Tensor, r Reduction, o CrossEntropyOptions, g ceGeometry, x []T) *tensor.Tensor {
	t := target.Int64s()
	w := classWeights(o.Weight, g.c)
	var wAll float64
	for _, v := range w {
		wAll += v
	}
	eps, c := o.LabelSmoothing, float64(g.c)
	lse := logSumExp(g, x)
	loss := make([]float64, len(t))
	var denom float64
	for p, k := range t {
		if k == o.IgnoreIndex {
			continue
		}
		i, in := p/g.inner, p%g.inner
		base := i*g.c*g.inner + in
		nll := w[k] * (lse[p] - float64(x[base+int(k)*g.inner]))
		denom += w[k]
		if eps == 0 {
			loss[p] = nll
			continue
		}
		var smooth float64
		for j := 0; j < g.c; j++ {
			smooth += w[j] * (lse[p] - float64(x[base+j*g.inner]))
		}
		loss[p] = (1-eps)*nll + eps/c*smooth
	}
	y := reduceLoss(input, r, loss, g.targetShape(), denom)
	name := "NllLossBackward0"
	switch {
	case eps != 0:
		name = "AddBackward0"
	case len(g.shape) > 2 && len(g.shape) != 4 && r == ReductionNone:
		name = "ViewBackward0" // PyTorch views other ranks as 4-D and back
	case len(g.shape) > 2:
		name = "NllLoss2DBackward0"
	}
	return tensor.Record(name, y, []*tensor.Tensor{input, target}, func(gy *tensor.Tensor) []*tensor.Tensor {
		scale := gradScale(r, tensor.Data[T](gy), denom)
		dx := tensor.ZerosLike(input)
		d := tensor.Data[T](dx)
		for p, k := range t {
			if k == o.IgnoreIndex {
				continue
			}
			s := scale(p)
			i, in := p/g.inner, p%g.inner
			base := i*g.c*g.inner + in
			for j := 0; j < g.c; j++ {
				q := math.Exp(float64(x[base+j*g.inner]) - lse[p])
				v := eps / c * (q*wAll - w[j])
				if int64(j) == k {
					v += (1 - eps) * w[k] * (q - 1)
				} else {
					v += (1 - eps) * w[k] * q
				}
				d[base+j*g.inner] = T(s * v)
			}
		}
		return []*tensor.Tensor{dx, nil}
	})
}

// ceProbs is the cross-entropy against class probabilities of the scores' shape.
func ceProbs[T tensor.Float](input, target *tensor.Tensor, r Reduction, o CrossEntropyOptions, g ceGeometry, x, tp []T) *tensor.Tensor {
	w := classWeights(o.Weight, g.c)
	eps, c := o.LabelSmoothing, float64(g.c)
	smoothed := func(v T) float64 { return (1-eps)*float64(v) + eps/c }
	lse := logSumExp(g, x)
	loss := make([]float64, g.n*g.inner)
	for p := range loss {
		i, in := p/g.inner, p%g.inner
		base := i*g.c*g.inner + in
		var s float64
		for j := 0; j < g.c; j++ {
			at := base + j*g.inner
			s += w[j] * smoothed(tp[at]) * (lse[p] - float64(x[at]))
		}
		loss[p] = s
	}
	denom := float64(len(loss))
	y := reduceLoss(input, r, loss, g.targetShape(), denom)
	name := "NegBackward0"
	if r == ReductionMean {
		name = "DivBackward1"
	}
	return tensor.Record(name, y, []*tensor.Tensor{input, target}, func(gy *tensor.Tensor) []*tensor.Tensor {
		scale := gradScale(r, tensor.Data[T](gy), denom)
		grads := []*tensor.Tensor{nil, nil}
		var dx, dt []T
		if input.NeedsGrad() {
			grads[0] = tensor.ZerosLike(input)
			dx = tensor.Data[T](grads[0])
		}
		if target.NeedsGrad() {
			grads[1] = tensor.ZerosLike(target)
			dt = tensor.Data[T](grads[1])
		}
		for p := range loss {
			s := scale(p)
			i, in := p/g.inner, p%g.inner
			base := i*g.c*g.inner + in
			var wt float64
			for j := 0; j < g.c; j++ {
				wt += w[j] * smoothed(tp[base+j*g.inner])
			}
			for j := 0; j < g.c; j++ {
				at := base + j*g.inner
				logp := float64(x[at]) - lse[p]
				if dx != nil {
					dx[at] = T(s * (math.Exp(logp)*wt - w[j]*smoothed(tp[at])))
				}
				if dt != nil {
					dt[at] = T(-s * (1 - eps) * w[j] * logp)
				}
			}
		}
		return grads
	})
}

// crossEntropy is the plain case, [N, C] scores and in-range class indices, on
// the fused kernels: one pass forward, one backward, in float64.
func crossEntropy[T tensor.Float](op string, input, target *tensor.Tensor, r Reduction, x []T) *tensor.Tensor {
	n, c := input.DimSize(0), input.DimSize(1)
	t := target.Int64s()
	kernels.CheckTargets(op, t, c)
	lse := make([]float64, n)
	loss := make([]float64, n)
	kernels.LogSumExpRows(x, n, c, lse)
	kernels.CrossEntropyRows(x, n, c, t, lse, loss)
	y := reduceLoss(input, r, loss, []int{n}, float64(n))
	return tensor.Record("NllLossBackward0", y, []*tensor.Tensor{input, target}, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := tensor.Data[T](gy)
		dx := tensor.ZerosLike(input)
		kernels.CrossEntropyGrad(x, n, c, t, lse, gradScale(r, g, float64(n)), tensor.Data[T](dx))
		return []*tensor.Tensor{dx, nil}
	})
}
