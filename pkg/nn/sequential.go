package nn

import (
	"strconv"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Sequential chains modules: Forward feeds each one's output to the next
// (torch.nn.Sequential). Its layers are named "0", "1", ... so the parameters of
// NewSequential(NewLinear(4, 5), NewSigmoid(), NewLinear(5, 3)) are 0.weight,
// 0.bias, 2.weight, 2.bias, as in PyTorch.
type Sequential struct {
	Layers []Module
}

// NewSequential returns a Sequential of the given modules, in order.
func NewSequential(layers ...Module) *Sequential {
	return &Sequential{Layers: layers}
}

// Forward runs x through every layer in turn.
func (s *Sequential) Forward(x *tensor.Tensor) *tensor.Tensor {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return x
}

// Modules lists the layers under the names "0", "1", ...
func (s *Sequential) Modules() []NamedModule {
	out := make([]NamedModule, len(s.Layers))
	for i, l := range s.Layers {
		out[i] = NamedModule{strconv.Itoa(i), l}
	}
	return out
}

// String prints the chain as PyTorch does (see Sprint).
func (s *Sequential) String() string { return Sprint(s) }
