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
	l.Weight = NewParameter(tensor.Empty(out, in).Uniform_(-bound, bound, nil))
	if o.bias {
		l.Bias = NewParameter(tensor.Empty(out).Uniform_(-bound, bound, nil))
	}
	return l
}

// Forward returns x @ Weight.T + Bias for x [..., InFeatures] (see F.Linear).
func (l *Linear) Forward(x *tensor.Tensor) *tensor.Tensor {
	return F.Linear(x, l.Weight, l.Bias)
}

// String describes the layer as PyTorch does.
func (l *Linear) String() string {
	return fmt.Sprintf("Linear(in_features=%d, out_features=%d, bias=%s)", l.InFeatures, l.OutFeatures, pyBool(l.Bias != nil))
}
