package nn

import (
	"fmt"
	"strconv"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Dropout zeroes each input element with probability P during training and scales
// the rest by 1/(1-P) (torch.nn.Dropout); in evaluation mode (nn.Eval) it passes the
// input through. A new Dropout is in training mode. Its masks come from Generator,
// or from the global generator (tensor.ManualSeed) when Generator is nil.
type Dropout struct {
	Base
	P         float64
	Generator *tensor.Generator
}

// NewDropout returns a Dropout layer. p is the drop probability, 0.5 when omitted,
// as PyTorch's nn.Dropout().
func NewDropout(p ...float64) *Dropout {
	const op = "nn.NewDropout"
	d := &Dropout{P: 0.5}
	switch len(p) {
	case 0:
	case 1:
		d.P = p[0]
	default:
		panic(fmt.Sprintf("%s: takes one probability, got %d values %v", op, len(p), p))
	}
	if d.P < 0 || d.P > 1 {
		panic(fmt.Sprintf("%s: probability %v is not between 0 and 1", op, d.P))
	}
	return d
}

// Forward applies dropout in training mode and returns x unchanged in evaluation mode.
func (d *Dropout) Forward(x *tensor.Tensor) *tensor.Tensor {
	return F.Dropout(x, d.P, d.Training(), d.Generator)
}

// String describes the layer as PyTorch does.
func (d *Dropout) String() string {
	return "Dropout(p=" + pyFloat(d.P) + ", inplace=False)"
}

// pyFloat formats v as Python's repr of a float: 0.5, 0.2, 1.0.
func pyFloat(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	for _, c := range s {
		if c == '.' || c == 'e' || c == 'n' || c == 'I' {
			return s
		}
	}
	return s + ".0"
}
