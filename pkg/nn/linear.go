package nn

import (
	"fmt"
	"math"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Linear is a fully connected layer, y = x @ Weight.T + Bias (torch.nn.Linear).
// Weight is [OutFeatures, InFeatures] and Bias [OutFeatures] (nil with
// nn.Bias(false)); both start from U(-sqrt(k), sqrt(k)) with k = 1/InFeatures, as
// PyTorch initialises them. The fields are plain: replace or edit them freely.
type Linear struct {
	InFeatures, OutFeatures int
	Weight                  *tensor.Tensor
	Bias                    *tensor.Tensor
}

// NewLinear returns a Linear layer from in to out features. Option: Bias(false).
// The initial values come from the global generator (tensor.ManualSeed).
func NewLinear(in, out int, opts ...Option) *Linear {
	const op = "nn.NewLinear"
	o := applyOptions(op, options{bias: true}, opts, "Bias")
	if in < 1 || out < 1 {
		panic(fmt.Sprintf("%s: in_features %d and out_features %d must be positive", op, in, out))
	}
	bound := 1 / math.Sqrt(float64(in))
	l := &Linear{InFeatures: in, OutFeatures: out}
	l.Weight = NewParameter(tensor.Empty(out, in).Uniform_(-bound, bound))
	if o.bias {
		l.Bias = NewParameter(tensor.Empty(out).Uniform_(-bound, bound))
	}
	return l
}

// Forward returns x @ Weight.T + Bias for x [..., InFeatures] (see F.Linear).
//
// It panics with a message naming Linear, the shapes and dtypes, and what to do,
// where PyTorch raises: a nil layer or input, a Weight or Bias replaced by a plain
// tensor (use l.Weight.SetData), or an input whose dtype differs from the weight's
// (a float64 batch into a float32 layer: convert it with .Float()).
func (l *Linear) Forward(x *tensor.Tensor) *tensor.Tensor {
	const op = "nn.Linear.Forward"
	if l == nil {
		panic(op + ": the layer is a nil *nn.Linear; make it with nn.NewLinear(in, out)")
	}
	if l.Weight == nil {
		panic(fmt.Sprintf("%s: %v has a nil Weight; make the layer with nn.NewLinear", op, l))
	}
	checkLayerParameter(op, "Linear", "", "Weight", l.Weight)
	checkLayerParameter(op, "Linear", "", "Bias", l.Bias)
	if x == nil {
		panic(fmt.Sprintf("%s: input is a nil tensor (%v expects [*, %d])", op, l, l.Weight.DimSize(-1)))
	}
	if xd, wd := x.DType(), l.Weight.DType(); xd != wd && (xd.IsFloat() || wd.IsFloat()) {
		hint := ".Float()"
		if wd == tensor.Float64 {
			hint = ".Double()"
		} else if !xd.IsFloat() {
			hint += " (class labels and counts are int64; the layer takes float32 features)"
		}
		panic(fmt.Sprintf("%s: input %v is %v but weight %v is %v (PyTorch: mat1 and mat2 must have the same dtype); convert the input with %s",
			op, []int(x.Shape()), xd, []int(l.Weight.Shape()), wd, hint))
	}
	return F.Linear(x, l.Weight, l.Bias)
}

// String describes the layer as PyTorch does.
func (l *Linear) String() string {
	return fmt.Sprintf("Linear(in_features=%d, out_features=%d, bias=%s)", l.InFeatures, l.OutFeatures, pyBool(l.Bias != nil))
}
