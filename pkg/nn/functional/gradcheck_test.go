package functional_test

import (
	"fmt"
	"testing"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// gradCheck runs tensor.GradCheck with absolute and relative tolerance tol.
func gradCheck(t *testing.T, name string, h, tol float64, inputs []*tensor.Tensor, fn func() *tensor.Tensor) {
	t.Helper()
	if err := tensor.GradCheck(fn, inputs, h, tol, tol); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func randn(seed uint64, shape ...int) *tensor.Tensor {
	return tensor.Randn(tensor.NewGenerator(seed), shape...)
}

func randn64(seed uint64, shape ...int) *tensor.Tensor { return randn(seed, shape...).Double() }

func TestGradCheckConvPoolLinear(t *testing.T) {
	// Conv2d and Linear are linear in each input, so float32 central differences
	// are exact up to rounding.
	for _, c := range []struct{ stride, pad int }{{1, 0}, {2, 1}, {1, 2}} {
		x, w, b := randn(1, 2, 3, 6, 5), randn(2, 4, 3, 3, 3), randn(3, 4)
		gradCheck(t, fmt.Sprintf("conv %+v", c), 1e-2, 2e-3, []*tensor.Tensor{x, w, b}, func() *tensor.Tensor {
			return F.Conv2d(x, w, b, c.stride, c.pad)
		})
	}
	x, w, b := randn(4, 3, 4), randn(5, 2, 4), randn(6, 2)
	gradCheck(t, "linear", 1e-2, 2e-3, []*tensor.Tensor{x, w, b}, func() *tensor.Tensor { return F.Linear(x, w, b) })
	x3 := randn(8, 2, 3, 4)
	gradCheck(t, "linear batch of matrices", 1e-2, 2e-3, []*tensor.Tensor{x3, w, b}, func() *tensor.Tensor { return F.Linear(x3, w, b) })
	x64, w64 := randn64(9, 3, 4), randn64(10, 2, 4)
	gradCheck(t, "linear float64 no bias", 1e-6, 1e-6, []*tensor.Tensor{x64, w64}, func() *tensor.Tensor { return F.Linear(x64, w64, nil) })
	// Max pooling is piecewise linear; Randn values are distinct, far from ties
	// relative to h.
	p := randn(7, 2, 2, 5, 5)
	gradCheck(t, "maxpool", 1e-3, 2e-3, []*tensor.Tensor{p}, func() *tensor.Tensor { return F.MaxPool2d(p, 3, 2, 1) })
}

// Float64 convolution and pooling against central differences. Convolution is
// linear in each input, so a wide step has no truncation error and the numerical
// gradient is good to ~1e-12; pooling is piecewise linear, and the step stays well
// below the gaps between Randn values. Far tighter than the float32 gradcheck.
func TestGradCheckConvPoolFloat64(t *testing.T) {
	for _, c := range []struct{ stride, pad, dil [2]int }{
		{[2]int{1, 1}, [2]int{0, 0}, [2]int{1, 1}},
		{[2]int{2, 1}, [2]int{1, 2}, [2]int{1, 1}},
		{[2]int{1, 2}, [2]int{2, 0}, [2]int{2, 1}},
	} {
		x, w, b := randn64(1, 2, 3, 7, 8), randn64(2, 4, 3, 3, 5), randn64(3, 4)
		gradCheck(t, fmt.Sprintf("conv float64 %+v", c), 1e-2, 1e-10, []*tensor.Tensor{x, w, b}, func() *tensor.Tensor {
			return F.Conv2d(x, w, b, c.stride, c.pad, c.dil[:]...)
		})
	}
	p := randn64(7, 2, 2, 7, 6)
	gradCheck(t, "maxpool float64", 1e-5, 1e-9, []*tensor.Tensor{p}, func() *tensor.Tensor {
		return F.MaxPool2d(p, [2]int{3, 2}, [2]int{2, 1}, 1, 2, 1)
	})
}

func TestGradCheckSoftmaxAndLosses(t *testing.T) {
	x := randn64(1, 3, 4, 2)
	for dim := -3; dim < 3; dim++ {
		gradCheck(t, fmt.Sprint("softmax dim ", dim), 1e-6, 1e-6, []*tensor.Tensor{x}, func() *tensor.Tensor { return F.Softmax(x, dim) })
		gradCheck(t, fmt.Sprint("log_softmax dim ", dim), 1e-6, 1e-6, []*tensor.Tensor{x}, func() *tensor.Tensor { return F.LogSoftmax(x, dim) })
	}
	scores := randn64(2, 5, 3)
	classes := tensor.FromSlice([]int64{0, 2, 1, 1, 0}, 5)
	a, b := randn64(3, 4, 2), randn64(4, 4, 2)
	probs := randn64(5, 6).Sigmoid()
	labels := tensor.FromSlice([]float64{0, 1, 1, 0, 1, 0}, 6)
	for _, r := range []F.Reduction{F.ReductionMean, F.ReductionSum, F.ReductionNone} {
		gradCheck(t, "cross entropy "+string(r), 1e-6, 1e-6, []*tensor.Tensor{scores}, func() *tensor.Tensor {
			return F.CrossEntropy(scores, classes, r)
		})
		gradCheck(t, "mse "+string(r), 1e-6, 1e-6, []*tensor.Tensor{a, b}, func() *tensor.Tensor {
			return F.MSELoss(a, b, r)
		})
		gradCheck(t, "bce "+string(r), 1e-7, 1e-5, []*tensor.Tensor{probs}, func() *tensor.Tensor {
			return F.BinaryCrossEntropy(probs, labels, r)
		})
	}
}

// TestCrossEntropyOptionsGradCheck checks the options' gradients numerically in
// float64, for the scores and for probability targets.
func TestCrossEntropyOptionsGradCheck(t *testing.T) {
	weight := tensor.FromSlice([]float64{0.5, 2, 1, 1.5}, 4)
	classes := tensor.FromSlice([]int64{0, 3, -100, 2, 1, 3}, 2, 3)
	scores := randn64(11, 2, 4, 3)
	probs := F.Softmax(randn64(12, 5, 4), 1)
	scores2 := randn64(13, 5, 4)
	for _, r := range []F.Reduction{F.ReductionMean, F.ReductionSum, F.ReductionNone} {
		for _, opts := range [][]F.CrossEntropyOption{
			{F.Weight(weight)},
			{F.LabelSmoothing(0.2)},
			{F.Weight(weight), F.LabelSmoothing(0.1), F.IgnoreIndex(3)},
		} {
			name := fmt.Sprintf("%s %d options", r, len(opts))
			cls := classes
			if len(opts) == 3 { // class 3 is ignored; -100 would be out of bounds
				cls = tensor.FromSlice([]int64{0, 3, 1, 2, 1, 3}, 2, 3)
			}
			gradCheck(t, "spatial indices "+name, 1e-6, 1e-6, []*tensor.Tensor{scores}, func() *tensor.Tensor {
				return F.CrossEntropy(scores, cls, r, opts...)
			})
			if len(opts) < 3 { // ignore_index does not apply to probabilities
				gradCheck(t, "probabilities "+name, 1e-6, 1e-6, []*tensor.Tensor{scores2, probs}, func() *tensor.Tensor {
					return F.CrossEntropy(scores2, probs, r, opts...)
				})
			}
		}
	}
}
