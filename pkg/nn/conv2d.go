package nn

import (
	"fmt"
	"math"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Conv2d is a 2-D convolution layer over NCHW images (torch.nn.Conv2d) with a square
// KernelSize, Stride and zero Padding. Weight is [OutChannels, InChannels,
// KernelSize, KernelSize] and Bias [OutChannels] (nil with nn.Bias(false)), both
// initialised from U(-sqrt(k), sqrt(k)) with k = 1/(InChannels*KernelSize^2), as
// PyTorch does.
//
// To use kernels of your own (chapter 9), copy them in, conv.Weight.CopyFrom(k), or
// replace the field, conv.Weight = nn.NewParameter(k); the new tensor must have the
// same shape and be float32.
type Conv2d struct {
	InChannels, OutChannels int
	KernelSize              int
	Stride, Padding         int
	Weight                  *tensor.Tensor
	Bias                    *tensor.Tensor
}

// NewConv2d returns a Conv2d layer from in to out channels with a kernel x kernel
// window. Options: Stride(s) (default 1), Padding(p) (default 0), Bias(false).
func NewConv2d(in, out, kernel int, opts ...Option) *Conv2d {
	const op = "nn.NewConv2d"
	o := applyOptions(op, options{stride: 1, bias: true}, opts, "Stride", "Padding", "Bias")
	if in < 1 || out < 1 || kernel < 1 || o.stride < 1 || o.padding < 0 {
		panic(fmt.Sprintf("%s: in_channels %d, out_channels %d, kernel_size %d and stride %d must be positive and padding %d not negative",
			op, in, out, kernel, o.stride, o.padding))
	}
	c := &Conv2d{InChannels: in, OutChannels: out, KernelSize: kernel, Stride: o.stride, Padding: o.padding}
	bound := 1 / math.Sqrt(float64(in*kernel*kernel))
	c.Weight = NewParameter(tensor.Empty(out, in, kernel, kernel).Uniform_(-bound, bound, nil))
	if o.bias {
		c.Bias = NewParameter(tensor.Empty(out).Uniform_(-bound, bound, nil))
	}
	return c
}

// Forward convolves x [N, InChannels, H, W] (see F.Conv2d).
func (c *Conv2d) Forward(x *tensor.Tensor) *tensor.Tensor {
	if x.Dim() == 3 {
		// PyTorch also takes one unbatched image [C, H, W].
		return F.Conv2d(x.Unsqueeze(0), c.Weight, c.Bias, c.Stride, c.Padding).Squeeze(0)
	}
	return F.Conv2d(x, c.Weight, c.Bias, c.Stride, c.Padding)
}

// String describes the layer as PyTorch does.
func (c *Conv2d) String() string {
	s := fmt.Sprintf("Conv2d(%d, %d, kernel_size=(%d, %d), stride=(%d, %d)", c.InChannels, c.OutChannels,
		c.KernelSize, c.KernelSize, c.Stride, c.Stride)
	if c.Padding != 0 {
		s += fmt.Sprintf(", padding=(%d, %d)", c.Padding, c.Padding)
	}
	if c.Bias == nil {
		s += ", bias=False"
	}
	return s + ")"
}
