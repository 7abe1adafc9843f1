package nn

import (
	"fmt"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MaxPool2d keeps the largest value of every KernelSize x KernelSize window
// (torch.nn.MaxPool2d). Stride defaults to the kernel size; Padding pads with -inf,
// as PyTorch does, so padding never wins a window (chapter 9 pads a ReLU'd map and
// the padding does not show).
type MaxPool2d struct {
	KernelSize, Stride, Padding int
}

// NewMaxPool2d returns a max-pooling layer. Options: Stride(s) (default: the kernel
// size), Padding(p) (default 0, at most kernel/2).
func NewMaxPool2d(kernel int, opts ...Option) *MaxPool2d {
	const op = "nn.NewMaxPool2d"
	o := applyOptions(op, options{stride: kernel}, opts, "Stride", "Padding")
	if kernel < 1 || o.stride < 1 || o.padding < 0 || 2*o.padding > kernel {
		panic(fmt.Sprintf("%s: kernel_size %d and stride %d must be positive and padding %d between 0 and kernel_size/2",
			op, kernel, o.stride, o.padding))
	}
	return &MaxPool2d{KernelSize: kernel, Stride: o.stride, Padding: o.padding}
}

// Forward pools x [N, C, H, W] or [C, H, W] (see F.MaxPool2d).
func (p *MaxPool2d) Forward(x *tensor.Tensor) *tensor.Tensor {
	return F.MaxPool2d(x, p.KernelSize, p.Stride, p.Padding)
}

// String describes the layer as PyTorch does.
func (p *MaxPool2d) String() string {
	return fmt.Sprintf("MaxPool2d(kernel_size=%d, stride=%d, padding=%d, dilation=1, ceil_mode=False)", p.KernelSize, p.Stride, p.Padding)
}
