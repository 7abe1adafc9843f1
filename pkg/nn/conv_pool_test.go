package nn_test

import (
	"fmt"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// convPoolCase is one record of testdata/gen_conv_pool.py.
type convPoolCase struct {
	DType    string       `json:"dtype"`
	Inputs   []*refTensor `json:"inputs"`
	Out      refTensor    `json:"out"`
	Gy       refTensor    `json:"gy"`
	Grads    []*refTensor `json:"grads"`
	GradFn   string       `json:"grad_fn"`
	Kernel   [2]int       `json:"kernel"`
	Stride   [2]int       `json:"stride"`
	Padding  [2]int       `json:"padding"`
	Dilation [2]int       `json:"dilation"`
}

// convPoolRef is testdata/conv_pool.json, written by testdata/gen_conv_pool.py.
var convPoolRef = testkit.MustReadJSON[struct {
	Conv2d    []convPoolCase `json:"conv2d"`
	MaxPool2d []convPoolCase `json:"maxpool2d"`
	Repr      []struct{ Name, Repr string }
}]("testdata/conv_pool.json")

// of builds the reference tensor in dtype dt.
func (r *refTensor) of(dt string) *tensor.Tensor {
	if r == nil {
		return nil
	}
	if dt == "float64" {
		return tensor.FromSlice(append([]float64(nil), r.Data...), r.Shape...)
	}
	return r.f32()
}

// tolFor is the tolerance of a comparison with PyTorch: float64 agrees to rounding.
func tolFor(dt string) float64 {
	if dt == "float64" {
		return 1e-12
	}
	return 1e-5
}

// checkConvPool runs fn on the case's inputs as leaves of the case's dtype and
// compares output, dtype, grad_fn and gradients with PyTorch's.
func checkConvPool(t *testing.T, c convPoolCase, fn func(in []*tensor.Tensor) *tensor.Tensor) {
	t.Helper()
	in := make([]*tensor.Tensor, len(c.Inputs))
	for i, r := range c.Inputs {
		if in[i] = r.of(c.DType); in[i] != nil {
			in[i].RequiresGrad()
		}
	}
	y := fn(in)
	if got := y.DType().String(); got != "torch."+c.DType {
		t.Fatalf("output dtype %s, want torch.%s", got, c.DType)
	}
	tol := tolFor(c.DType)
	assertTensor(t, "output", y, &c.Out, tol)
	if y.GradFn() != c.GradFn {
		t.Errorf("grad_fn %q, want %q", y.GradFn(), c.GradFn)
	}
	y.Backward(c.Gy.of(c.DType))
	for i, g := range c.Grads {
		if g != nil {
			if in[i].Grad().DType() != in[i].DType() {
				t.Fatalf("grad of input %d is %v, want %v", i, in[i].Grad().DType(), in[i].DType())
			}
			assertTensor(t, fmt.Sprintf("grad of input %d", i), in[i].Grad(), g, tol)
		}
	}
}

func TestConv2dGeometryAndDTypesMatchPyTorch(t *testing.T) {
	for i, c := range convPoolRef.Conv2d {
		t.Run(fmt.Sprintf("%d/%s/stride%v/pad%v/dil%v", i, c.DType, c.Stride, c.Padding, c.Dilation), func(t *testing.T) {
			checkConvPool(t, c, func(in []*tensor.Tensor) *tensor.Tensor {
				return F.Conv2d(in[0], in[1], in[2], c.Stride, c.Padding, c.Dilation[:]...)
			})
		})
		t.Run(fmt.Sprintf("%d/%s/module", i, c.DType), func(t *testing.T) {
			checkConvPool(t, c, func(in []*tensor.Tensor) *tensor.Tensor {
				conv := convWith(in[1], in[2], nn.Stride(c.Stride[:]...), nn.Padding(c.Padding[:]...), nn.Dilation(c.Dilation[:]...))
				return conv.Forward(in[0])
			})
		})
	}
}

func TestMaxPool2dGeometryAndDTypesMatchPyTorch(t *testing.T) {
	for i, c := range convPoolRef.MaxPool2d {
		t.Run(fmt.Sprintf("%d/%s/k%v/stride%v/pad%v/dil%v", i, c.DType, c.Kernel, c.Stride, c.Padding, c.Dilation), func(t *testing.T) {
			checkConvPool(t, c, func(in []*tensor.Tensor) *tensor.Tensor {
				return F.MaxPool2d(in[0], c.Kernel, c.Stride, c.Padding, c.Dilation[:]...)
			})
			checkConvPool(t, c, func(in []*tensor.Tensor) *tensor.Tensor {
				return nn.NewMaxPool2d(c.Kernel, nn.Stride(c.Stride[:]...), nn.Padding(c.Padding[:]...), nn.Dilation(c.Dilation[:]...)).Forward(in[0])
			})
		})
	}
}

// The modules of gen_conv_pool.py's "repr" list, built as a Go reader writes them.
var reprModules = map[string]nn.Module{
	"chapter9 conv":     nn.NewConv2d(1, 2, 3, nn.Padding(1), nn.Bias(false)),
	"chapter8 conv":     nn.NewConv2d(1, 6, 5),
	"non-square conv":   nn.NewConv2d(1, 2, [2]int{3, 5}, nn.Stride(2, 1), nn.Padding(1, 2)),
	"dilated conv":      nn.NewConv2d(2, 4, 3, nn.Dilation(2)),
	"dilated pair conv": nn.NewConv2d(2, 4, 3, nn.Stride(2), nn.Dilation(2, 1), nn.Bias(false)),
	"chapter9 pool":     nn.NewMaxPool2d(2, nn.Padding(1)),
	"chapter8 pool":     nn.NewMaxPool2d(2, nn.Stride(2)),
	"pair pool":         nn.NewMaxPool2d([2]int{2, 3}),
	"mixed pool":        nn.NewMaxPool2d([2]int{2, 2}, nn.Stride(1, 2), nn.Padding(1, 0), nn.Dilation(1, 2)),
	"int pool":          nn.NewMaxPool2d(3, nn.Stride(1), nn.Padding(1), nn.Dilation(2)),
}

func TestConvPoolPrintLikePyTorch(t *testing.T) {
	if len(convPoolRef.Repr) != len(reprModules) {
		t.Fatalf("%d reference reprs, %d modules", len(convPoolRef.Repr), len(reprModules))
	}
	for _, c := range convPoolRef.Repr {
		m, ok := reprModules[c.Name]
		if !ok {
			t.Fatalf("no module for %q", c.Name)
		}
		if got := nn.Sprint(m); got != c.Repr {
			t.Errorf("%s:\n got %s\nwant %s", c.Name, got, c.Repr)
		}
	}
}

func TestConvPoolPanics(t *testing.T) {
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { nn.NewConv2d(1, 2, 3).Forward(tensor.Zeros(1, 1, 5, 5).Double()) },
			"F.Conv2d: input is torch.float64 but weight is torch.float32; make them the same (.Float() or .Double() on the input, nn.Double(model) on the model)"},
		{func() { F.MaxPool2d(tensor.Zeros(1, 1, 4, 4).Long(), 2, 0, 0) },
			"F.MaxPool2d: input must be float32 or float64, got torch.int64 (convert with .Float())"},
		{func() { nn.NewMaxPool2d([2]int{2, 4}, nn.Padding(0, 3)) },
			"nn.NewMaxPool2d: pad should be at most half of kernel size, but got pad=3 and kernel_size=4"},
		{func() { F.MaxPool2d(tensor.Zeros(1, 1, 5, 5), 2, 0, 2) },
			"F.MaxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2"},
		{func() { nn.NewConv2d(1, 2, 3, nn.Stride(1, 2, 3)) },
			"nn.NewConv2d: Stride takes one value or two (height, width), got [1 2 3]"},
		{func() { nn.NewConv2d(1, 2, 3, nn.Padding()) },
			"nn.NewConv2d: Padding takes one value or two (height, width), got []"},
		{func() { nn.NewConv2d(1, 2, [2]int{3, 0}) },
			"nn.NewConv2d: in_channels 1, out_channels 2, kernel_size (3, 0), stride (1, 1) and dilation (1, 1) must be positive and padding (0, 0) not negative"},
		{func() { nn.NewConv2d(1, 1, 3, nn.Dilation(2)).Forward(tensor.Zeros(1, 1, 4, 4)) },
			"F.Conv2d: kernel 3x3 (dilated 5x5) is larger than the padded input 4x4"},
		{func() { F.Conv2d(nil, tensor.Zeros(1, 1, 3, 3), nil, 1, 0) },
			"F.Conv2d: input and weight must not be nil"},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
}

// nn.Double makes a model float64 as PyTorch's .double(): every parameter is the
// same tensor, widened, and the model then matches a .double() PyTorch model to
// float64 rounding, gradients included. nn.Float turns it back.
func TestDoubleModelMatchesPyTorch(t *testing.T) {
	ref := testkit.LoadJSON[struct {
		DoubleModel struct {
			X, Out, Gy refTensor
			Params     []struct {
				Name        string
				Value, Grad refTensor
			}
		} `json:"double_model"`
	}](t, "testdata/conv_pool.json", "/usr/bin/python3 testdata/gen_conv_pool.py")
	c := ref.DoubleModel
	net := nn.NewSequential(
		nn.NewConv2d(1, 2, 3, nn.Padding(1), nn.Bias(false)), nn.NewReLU(), nn.NewMaxPool2d(2, nn.Padding(1)),
		nn.NewConv2d(2, 3, [2]int{3, 2}, nn.Stride(2, 1)), nn.NewFlatten(), nn.NewLinear(9, 2),
	)
	before := nn.Parameters(net)
	w0 := before[0].Float32s()[0]
	if got := nn.Double(net); got != net {
		t.Fatal("nn.Double returned another model")
	}
	after := nn.Parameters(net)
	for i, p := range after {
		if p != before[i] || p.DType() != tensor.Float64 || !p.IsParameter() {
			t.Fatalf("parameter %d after nn.Double: same tensor %v, dtype %v, parameter %v", i, p == before[i], p.DType(), p.IsParameter())
		}
	}
	if got := after[0].Float64s()[0]; got != float64(w0) {
		t.Fatalf("weight widened to %v, want %v", got, float64(w0))
	}
	// PyTorch's weights, copied into the float64 parameters.
	i := 0
	for name, p := range nn.NamedParameters(net) {
		if want := c.Params[i].Name; name != want {
			t.Fatalf("parameter %d is %s, PyTorch's %s", i, name, want)
		}
		p.CopyFrom(c.Params[i].Value.of("float64"))
		i++
	}
	y := net.Forward(c.X.of("float64"))
	// (The grad_fn of the last layer is Linear's business, tested with Linear; only
	// the dtype is checked here.)
	if y.DType() != tensor.Float64 {
		t.Fatalf("output %v, want torch.float64", y.DType())
	}
	assertTensor(t, "output", y, &c.Out, 1e-12)
	y.Backward(c.Gy.of("float64"))
	for i, p := range nn.Parameters(net) {
		assertTensor(t, "grad of "+c.Params[i].Name, p.Grad(), &c.Params[i].Grad, 1e-12)
	}
	nn.Float(net)
	for _, p := range nn.Parameters(net) {
		if p.DType() != tensor.Float32 {
			t.Fatalf("after nn.Float a parameter is %v", p.DType())
		}
	}
	if net.Forward(c.X.f32()).DType() != tensor.Float32 {
		t.Fatal("nn.Float: output is not float32")
	}
}
