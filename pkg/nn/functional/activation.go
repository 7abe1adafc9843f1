package functional

import "github.com/kosaku-dl/kosaku/pkg/tensor"

// ReLU returns max(x, 0) element-wise (x.ReLU(); grad_fn ReluBackward0).
func ReLU(x *tensor.Tensor) *tensor.Tensor { return x.ReLU() }

// Sigmoid returns 1 / (1 + exp(-x)) element-wise (x.Sigmoid(); grad_fn SigmoidBackward0).
func Sigmoid(x *tensor.Tensor) *tensor.Tensor { return x.Sigmoid() }

// Tanh returns tanh(x) element-wise (x.Tanh(); grad_fn TanhBackward0).
func Tanh(x *tensor.Tensor) *tensor.Tensor { return x.Tanh() }
