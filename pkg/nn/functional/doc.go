// Package functional holds the stateless operations behind pkg/nn's layers, as
// torch.nn.functional does for PyTorch: Linear, Conv2d, MaxPool2d, Softmax,
// LogSoftmax, Dropout, the activations and the losses. A reader imports it as F,
// the way the chapters write `torch.nn.functional as F`:
//
//	import F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
//
//	y := F.Linear(x, w, b) // x @ w.T + b
//
// Every operation is differentiable. Linear (on float32 matrices), Conv2d,
// MaxPool2d, Softmax, LogSoftmax and the losses are fused: each computes its output
// with one kernel and records one backward function next to it (tensor.Record), with
// PyTorch's grad_fn names (AddmmBackward0, ConvolutionBackward0, ...). Shape errors
// panic with a message naming the operation and the shapes.
package functional
