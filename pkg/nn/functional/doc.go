// Package functional holds the stateless operations behind pkg/nn's layers, as
// torch.nn.functional does for PyTorch: Linear, Conv2d, MaxPool2d, Softmax,
// LogSoftmax, Dropout, the activations and the losses. A reader imports it as F,
// the way the chapters write `torch.nn.functional as F`:
//
//	import F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
//
//	y := F.Linear(x, w, b) // x @ w.T + b
//
// (see ExampleLinear).
//
// Every operation is differentiable. Linear (on float32 matrices, through
// tensor.MatMulT, the same GEMM dispatch as tensor.MatMul), Conv2d, MaxPool2d,
// Softmax, LogSoftmax and the losses are fused: each computes its output with one
// kernel and records one backward function next to it (tensor.Record), with
// PyTorch's grad_fn names (AddmmBackward0, ConvolutionBackward0, ...). Shape errors
// panic with a *tensor.ShapeError naming the operation and the shapes.
//
// The tests live here: every operation's gradients are checked against central
// differences with tensor.GradCheck (gradcheck_test.go), and Linear's results
// against its earlier direct-BLAS path bit for bit (linear_bits_test.go); pkg/nn's
// tests compare the layers built on these functions with PyTorch.
//
// Conv2d and MaxPool2d take their stride, padding (and MaxPool2d's kernel size) as an
// int or an (h, w) pair, IntOrPair, and an optional dilation, as F.conv2d and
// F.max_pool2d do: F.Conv2d(x, w, b, [2]int{2, 1}, 1) is F.conv2d(x, w, b,
// stride=(2, 1), padding=1). They compute in float32 or float64, the dtype of their
// input, which the weight and bias must share.
package functional
