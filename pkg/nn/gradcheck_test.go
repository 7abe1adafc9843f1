package nn_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// gradCheck compares the gradients autograd gives for sum(fn(inputs) * gy) with
// central differences, perturbing every element of every input in place. Inputs
// are float32 or float64 leaves requiring gradients.
func gradCheck(t *testing.T, name string, h, tol float64, inputs []*tensor.Tensor, fn func() *tensor.Tensor) {
	t.Helper()
	for _, in := range inputs {
		in.ZeroGrad()
	}
	y := fn()
	gy := tensor.Randn(tensor.NewGenerator(5), y.Shape()...).To(y.DType())
	y.Backward(gy)
	loss := func() float64 {
		var s float64
		tensor.NoGrad(func() {
			out := fn().ToFloat64s()
			for i, g := range gy.ToFloat64s() {
				s += out[i] * g
			}
		})
		return s
	}
	for k, in := range inputs {
		grad := in.Grad().ToFloat64s()
		for i := 0; i < in.Numel(); i++ {
			orig := get(in, i)
			set(in, i, orig+h)
			up := loss()
			set(in, i, orig-h)
			down := loss()
			set(in, i, orig)
			num := (up - down) / (2 * h)
			if math.Abs(num-grad[i]) > tol*(1+math.Abs(num)) {
				t.Fatalf("%s: input %d element %d: autograd %v, numerical %v", name, k, i, grad[i], num)
			}
		}
	}
}

func get(t *tensor.Tensor, i int) float64 {
	if t.DType() == tensor.Float32 {
		return float64(t.Float32s()[i])
	}
	return t.Float64s()[i]
}

func set(t *tensor.Tensor, i int, v float64) {
	if t.DType() == tensor.Float32 {
		t.Float32s()[i] = float32(v)
		return
	}
	t.Float64s()[i] = v
}

func randn(seed uint64, shape ...int) *tensor.Tensor {
	return tensor.Randn(tensor.NewGenerator(seed), shape...).RequiresGrad()
}

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
	// Max pooling is piecewise linear; Randn values are distinct, far from ties
	// relative to h.
	p := randn(7, 2, 2, 5, 5)
	gradCheck(t, "maxpool", 1e-3, 2e-3, []*tensor.Tensor{p}, func() *tensor.Tensor { return F.MaxPool2d(p, 3, 2, 1) })
}

func TestGradCheckSoftmaxAndLosses(t *testing.T) {
	d := func(seed uint64, shape ...int) *tensor.Tensor {
		return tensor.Randn(tensor.NewGenerator(seed), shape...).Double().RequiresGrad()
	}
	x := d(1, 3, 4, 2)
	for dim := -3; dim < 3; dim++ {
		gradCheck(t, fmt.Sprint("softmax dim ", dim), 1e-6, 1e-6, []*tensor.Tensor{x}, func() *tensor.Tensor { return F.Softmax(x, dim) })
		gradCheck(t, fmt.Sprint("log_softmax dim ", dim), 1e-6, 1e-6, []*tensor.Tensor{x}, func() *tensor.Tensor { return F.LogSoftmax(x, dim) })
	}
	scores := d(2, 5, 3)
	classes := tensor.FromSlice([]int64{0, 2, 1, 1, 0}, 5)
	a, b := d(3, 4, 2), d(4, 4, 2)
	probs := d(5, 6).Sigmoid().Detach().RequiresGrad()
	labels := tensor.FromSlice([]float64{0, 1, 1, 0, 1, 0}, 6)
	for _, r := range []F.Reduction{F.ReductionMean, F.ReductionSum, F.ReductionNone} {
		gradCheck(t, "cross entropy "+string(r), 1e-6, 1e-6, []*tensor.Tensor{scores}, func() *tensor.Tensor {
			return nn.NewCrossEntropyLoss(nn.Reduction(r)).Forward(scores, classes)
		})
		gradCheck(t, "mse "+string(r), 1e-6, 1e-6, []*tensor.Tensor{a, b}, func() *tensor.Tensor {
			return nn.NewMSELoss(nn.Reduction(r)).Forward(a, b)
		})
		gradCheck(t, "bce "+string(r), 1e-7, 1e-5, []*tensor.Tensor{probs}, func() *tensor.Tensor {
			return nn.NewBCELoss(nn.Reduction(r)).Forward(probs, labels)
		})
	}
}

func TestLossPanicsNameShapes(t *testing.T) {
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { nn.NewMSELoss().Forward(tensor.Zeros(112, 2), tensor.Zeros(112)) },
			"F.MSELoss: input [112 2] and target [112] cannot be broadcast: the size of tensor a (2) must match the size of tensor b (112) at non-singleton dimension 1 (reshape one to the other's shape)"},
		{func() { nn.NewCrossEntropyLoss().Forward(tensor.Zeros(4, 3), tensor.Zeros(4)) },
			"F.CrossEntropy: target must hold class indices as int64 (torch.int64), got torch.float32 (convert with .Long())"},
		{func() { nn.NewCrossEntropyLoss().Forward(tensor.Zeros(4, 3), tensor.FromSlice([]int64{0, 1, 3, 2}, 4)) },
			"F.CrossEntropy: target 3 (sample 2) is out of bounds for 3 classes"},
		{func() { nn.NewBCELoss().Forward(tensor.Full(1.5, 2), tensor.Zeros(2)) },
			"F.BinaryCrossEntropy: input[0] = 1.5 is not a probability in [0, 1] (apply a sigmoid first)"},
		{func() { nn.NewMSELoss(nn.Reduction("average")) },
			`nn.NewMSELoss: reduction "average" is not one of "mean", "sum", "none"`},
		{func() { nn.NewConv2d(3, 4, 3).Forward(tensor.Zeros(1, 1, 8, 8)) },
			"F.Conv2d: input [1 1 8 8] has 1 channels but weight [4 3 3 3] expects 3"},
		{func() { nn.NewLinear(4, 5).Forward(tensor.Zeros(2, 3)) },
			"F.Linear: input shape [2 3] does not end in in_features 4 of weight [5 4]"},
		{func() { nn.NewMaxPool2d(2, nn.Padding(2)) },
			"nn.NewMaxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2"},
	} {
		func() {
			defer func() {
				if msg := fmt.Sprint(recover()); msg != c.want {
					t.Errorf("panic %q\nwant  %q", msg, c.want)
				}
			}()
			c.f()
		}()
	}
}
