package nn

import (
	"fmt"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// ReLU is max(x, 0) as a module (torch.nn.ReLU), for Sequential. In a Forward
// method, x.ReLU() or F.ReLU(x) is the same.
type ReLU struct{}

// NewReLU returns a ReLU module.
func NewReLU() *ReLU { return &ReLU{} }

// Forward returns max(x, 0) element-wise.
func (*ReLU) Forward(x *tensor.Tensor) *tensor.Tensor { return x.ReLU() }

// String is "ReLU()".
func (*ReLU) String() string { return "ReLU()" }

// Sigmoid is 1/(1+exp(-x)) as a module (torch.nn.Sigmoid).
type Sigmoid struct{}

// NewSigmoid returns a Sigmoid module.
func NewSigmoid() *Sigmoid { return &Sigmoid{} }

// Forward returns the logistic sigmoid of x element-wise.
func (*Sigmoid) Forward(x *tensor.Tensor) *tensor.Tensor { return x.Sigmoid() }

// String is "Sigmoid()".
func (*Sigmoid) String() string { return "Sigmoid()" }

// Tanh is the hyperbolic tangent as a module (torch.nn.Tanh).
type Tanh struct{}

// NewTanh returns a Tanh module.
func NewTanh() *Tanh { return &Tanh{} }

// Forward returns tanh(x) element-wise.
func (*Tanh) Forward(x *tensor.Tensor) *tensor.Tensor { return x.Tanh() }

// String is "Tanh()".
func (*Tanh) String() string { return "Tanh()" }

// Softmax turns scores into probabilities along Dim (torch.nn.Softmax(dim)).
type Softmax struct {
	Dim int
}

// NewSoftmax returns a Softmax module over dim (negative counts from the end).
func NewSoftmax(dim int) *Softmax { return &Softmax{Dim: dim} }

// Forward returns F.Softmax(x, Dim).
func (s *Softmax) Forward(x *tensor.Tensor) *tensor.Tensor { return F.Softmax(x, s.Dim) }

// String describes the module as PyTorch does: "Softmax(dim=1)".
func (s *Softmax) String() string { return fmt.Sprintf("Softmax(dim=%d)", s.Dim) }

// Flatten joins all dimensions from StartDim on into one (torch.nn.Flatten, whose
// StartDim is 1: a batch [N, C, H, W] becomes [N, C*H*W]).
type Flatten struct {
	StartDim int
}

// NewFlatten returns a Flatten module keeping the batch dimension (start_dim=1).
func NewFlatten() *Flatten { return &Flatten{StartDim: 1} }

// Forward returns x.Flatten(StartDim).
func (f *Flatten) Forward(x *tensor.Tensor) *tensor.Tensor { return x.Flatten(f.StartDim) }

// String describes the module as PyTorch does.
func (f *Flatten) String() string {
	return fmt.Sprintf("Flatten(start_dim=%d, end_dim=-1)", f.StartDim)
}
