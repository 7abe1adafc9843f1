package nn

import (
	"fmt"
	"math"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Conv2d is a 2-D convolution layer over NCHW images (torch.nn.Conv2d). Like
// PyTorch's conv.kernel_size, its sizes are (height, width) pairs, whether given as
// one int or two. Weight is [OutChannels, InChannels, KernelSize[0], KernelSize[1]]
// and Bias [OutChannels] (nil with nn.Bias(false)), both initialised from
// U(-sqrt(k), sqrt(k)) with k = 1/(InChannels*KernelSize[0]*KernelSize[1]), as
// PyTorch does. The parameters are float32; nn.Double(model) makes them float64
// (PyTorch's .double()), and the layer then takes float64 images.
//
// To use kernels of your own (chapter 9's conv1.weight.data = kernels1), set them
// with conv1.Weight.SetData(kernels1), which keeps the parameter and converts the
// values to its dtype (see the package doc).
type Conv2d struct {
	InChannels, OutChannels int
	KernelSize              [2]int
	Stride, Padding         [2]int
	Dilation                [2]int
	Weight                  *tensor.Tensor
	Bias                    *tensor.Tensor
}

// NewConv2d returns a Conv2d layer from in to out channels with a kernel x kernel
// window, or kh x kw for kernel = [2]int{kh, kw} (PyTorch's kernel_size=(3, 5)).
// Options, each one value or (height, width): Stride (default 1), Padding (default
// 0), Dilation (default 1); and Bias(false):
//
//	nn.NewConv2d(1, 2, 3, nn.Padding(1), nn.Bias(false))
//	nn.NewConv2d(1, 2, [2]int{3, 5}, nn.Stride(2, 1), nn.Padding(1, 2))
func NewConv2d[K F.IntOrPair](in, out int, kernel K, opts ...Option) *Conv2d {
	const op = "nn.NewConv2d"
	o := applyOptions(op, options{bias: true}, opts, "Stride", "Padding", "Dilation", "Bias")
	k, _ := pairOption(op, "kernel_size", kernelValues(kernel), [2]int{})
	stride, _ := pairOption(op, "Stride", o.stride, [2]int{1, 1})
	padding, _ := pairOption(op, "Padding", o.padding, [2]int{0, 0})
	dilation, _ := pairOption(op, "Dilation", o.dilation, [2]int{1, 1})
	if in < 1 || out < 1 || k[0] < 1 || k[1] < 1 || stride[0] < 1 || stride[1] < 1 ||
		dilation[0] < 1 || dilation[1] < 1 || padding[0] < 0 || padding[1] < 0 {
		panic(fmt.Sprintf("%s: in_channels %d, out_channels %d, kernel_size %v, stride %v and dilation %v must be positive and padding %v not negative",
			op, in, out, pyPair(k), pyPair(stride), pyPair(dilation), pyPair(padding)))
	}
	c := &Conv2d{InChannels: in, OutChannels: out, KernelSize: k, Stride: stride, Padding: padding, Dilation: dilation}
	bound := 1 / math.Sqrt(float64(in*k[0]*k[1]))
	c.Weight = NewParameter(tensor.Empty(out, in, k[0], k[1]).Uniform_(-bound, bound))
	if o.bias {
		c.Bias = NewParameter(tensor.Empty(out).Uniform_(-bound, bound))
	}
	return c
}

// kernelValues returns a kernel size as the values an option holds.
func kernelValues[K F.IntOrPair](kernel K) []int {
	switch k := any(kernel).(type) {
	case int:
		return []int{k}
	case [2]int:
		return k[:]
	}
	panic("unreachable")
}

// Forward convolves x [N, InChannels, H, W], or one image [InChannels, H, W] as
// PyTorch also takes (see F.Conv2d).
func (c *Conv2d) Forward(x *tensor.Tensor) *tensor.Tensor {
	// A plain tensor assigned to Weight (conv1.Weight = kernels) would run but never be
	// trained or saved: refuse it and name the fixes.
	checkLayerParameter("nn.Conv2d.Forward", "Conv2d", "", "Weight", c.Weight)
	checkLayerParameter("nn.Conv2d.Forward", "Conv2d", "", "Bias", c.Bias)
	if x != nil && x.Dim() == 3 {
		return F.Conv2d(x.Unsqueeze(0), c.Weight, c.Bias, c.Stride, c.Padding, c.Dilation[:]...).Squeeze(0)
	}
	return F.Conv2d(x, c.Weight, c.Bias, c.Stride, c.Padding, c.Dilation[:]...)
}

// String describes the layer as PyTorch does: Conv2d(1, 2, kernel_size=(3, 3),
// stride=(1, 1), padding=(1, 1), bias=False), with padding and dilation only when
// they are not the default.
func (c *Conv2d) String() string {
	s := fmt.Sprintf("Conv2d(%d, %d, kernel_size=%s, stride=%s", c.InChannels, c.OutChannels, pyPair(c.KernelSize), pyPair(c.Stride))
	if c.Padding != [2]int{0, 0} {
		s += ", padding=" + pyPair(c.Padding)
	}
	if c.Dilation != [2]int{1, 1} && c.Dilation != [2]int{} {
		s += ", dilation=" + pyPair(c.Dilation)
	}
	if c.Bias == nil {
		s += ", bias=False"
	}
	return s + ")"
}

// pyPair prints a pair as a Python tuple: (3, 5).
func pyPair(p [2]int) string { return fmt.Sprintf("(%d, %d)", p[0], p[1]) }
