package nn

import (
	"fmt"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MaxPool2d keeps the largest value of every KernelSize window (torch.nn.MaxPool2d).
// Sizes are (height, width) pairs. Stride defaults to the kernel size; Padding pads
// with -inf, as PyTorch does, so padding never wins a window (chapter 9 pads a
// ReLU'd map and the padding does not show). Float32 and float64 inputs both work.
type MaxPool2d struct {
	KernelSize, Stride, Padding, Dilation [2]int
	// tuple records which sizes were given as pairs (kernel, stride, padding,
	// dilation): PyTorch keeps what it was given and prints 2 for an int and (2, 2)
	// for a tuple.
	tuple [4]bool
}

// NewMaxPool2d returns a max-pooling layer over kernel x kernel windows, or kh x kw
// for kernel = [2]int{kh, kw}. Options, each one value or (height, width): Stride
// (default: the kernel size), Padding (default 0, at most half the kernel size),
// Dilation (default 1):
//
//	nn.NewMaxPool2d(2, nn.Padding(1))  // chapter 9
//	nn.NewMaxPool2d([2]int{2, 3}, nn.Stride(1, 2))
func NewMaxPool2d[K F.IntOrPair](kernel K, opts ...Option) *MaxPool2d {
	const op = "nn.NewMaxPool2d"
	o := applyOptions(op, options{}, opts, "Stride", "Padding", "Dilation")
	p := &MaxPool2d{}
	p.KernelSize, p.tuple[0] = pairOption(op, "kernel_size", kernelValues(kernel), [2]int{})
	p.Stride, p.tuple[1] = pairOption(op, "Stride", o.stride, p.KernelSize)
	if o.stride == nil {
		p.tuple[1] = p.tuple[0]
	}
	p.Padding, p.tuple[2] = pairOption(op, "Padding", o.padding, [2]int{0, 0})
	p.Dilation, p.tuple[3] = pairOption(op, "Dilation", o.dilation, [2]int{1, 1})
	k, s, d, pad := p.KernelSize, p.Stride, p.Dilation, p.Padding
	if k[0] < 1 || k[1] < 1 || s[0] < 1 || s[1] < 1 || d[0] < 1 || d[1] < 1 || pad[0] < 0 || pad[1] < 0 {
		panic(fmt.Sprintf("%s: kernel_size %s, stride %s and dilation %s must be positive and padding %s not negative",
			op, p.show(0, k), p.show(1, s), p.show(3, d), p.show(2, pad)))
	}
	// PyTorch 1.13's words (it says so at the first forward; here at once).
	for i := range 2 {
		if 2*pad[i] > k[i] {
			panic(fmt.Sprintf("%s: pad should be at most half of kernel size, but got pad=%d and kernel_size=%d",
				op, pad[i], k[i]))
		}
	}
	return p
}

// Forward pools x [N, C, H, W] or [C, H, W] (see F.MaxPool2d).
func (p *MaxPool2d) Forward(x *tensor.Tensor) *tensor.Tensor {
	return F.MaxPool2d(x, p.KernelSize, p.Stride, p.Padding, p.Dilation[:]...)
}

// String describes the layer as PyTorch does:
// MaxPool2d(kernel_size=2, stride=2, padding=1, dilation=1, ceil_mode=False).
func (p *MaxPool2d) String() string {
	return fmt.Sprintf("MaxPool2d(kernel_size=%s, stride=%s, padding=%s, dilation=%s, ceil_mode=False)",
		p.show(0, p.KernelSize), p.show(1, p.Stride), p.show(2, p.Padding), p.show(3, p.Dilation))
}

// show prints size i as PyTorch would: an int when it was given as one (and both
// halves still agree), else a tuple.
func (p *MaxPool2d) show(i int, v [2]int) string {
	if !p.tuple[i] && v[0] == v[1] {
		return fmt.Sprint(v[0])
	}
	return pyPair(v)
}
