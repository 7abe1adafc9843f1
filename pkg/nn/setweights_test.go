package nn_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// chapter9Kernels are the chapter's kernels1: a horizontal and a vertical line.
func chapter9Kernels() *tensor.Tensor {
	return tensor.New([][][][]float64{
		{{{-1, -1, -1}, {1, 1, 1}, {-1, -1, -1}}},
		{{{-1, 1, -1}, {-1, 1, -1}, {-1, 1, -1}}},
	})
}

// TestSetDataIsChapter9sDotData: conv1.Weight.SetData(kernels1) is
// conv1.weight.data = kernels1: the same parameter now holds the kernels, the
// layer still records ConvolutionBackward0 and optimisers still see it; the output
// is PyTorch's (printed by torch 1.13 for this input).
func TestSetDataIsChapter9sDotData(t *testing.T) {
	conv1 := nn.NewConv2d(1, 2, 3)
	w := conv1.Weight
	conv1.Weight.SetData(chapter9Kernels())
	conv1.Bias.SetData(tensor.Zeros(2))
	if conv1.Weight != w || !w.IsParameter() || !w.NeedsGrad() || w.DType() != tensor.Float32 {
		t.Fatalf("SetData replaced or changed the parameter: same %v, parameter %v, requires grad %v, %v",
			conv1.Weight == w, w.IsParameter(), w.NeedsGrad(), w.DType())
	}
	x := tensor.New([][][][]float64{{{{-1, -1, -1, -1}, {1, 1, 1, 1}, {-1, -1, -1, -1}, {-1, -1, -1, -1}}}})
	want := "tensor([[[[ 9.,  9.],\n          [-3., -3.]],\n\n         [[ 1.,  1.],\n          [ 1.,  1.]]]], grad_fn=<ConvolutionBackward0>)"
	if got := conv1.Forward(x).String(); got != want {
		t.Errorf("conv1(x) prints\n%s\nPyTorch\n%s", got, want)
	}
	if ps := nn.Parameters(conv1); len(ps) != 2 || ps[0] != w {
		t.Errorf("Parameters after SetData: %d tensors, first is the weight: %v", len(ps), len(ps) > 0 && ps[0] == w)
	}
}

// TestPlainTensorInPlaceOfAParameterIsLoud: conv1.Weight = kernels1 (a plain
// tensor) would leave a layer with no parameter to train; PyTorch raises
// TypeError at the assignment, Kosaku at the next use.
func TestPlainTensorInPlaceOfAParameterIsLoud(t *testing.T) {
	type net struct {
		nn.Module
		conv1 *nn.Conv2d
		fc    *nn.Linear
	}
	conv1 := nn.NewConv2d(1, 2, 3)
	conv1.Weight = chapter9Kernels().Float()
	n := &net{conv1: conv1, fc: nn.NewLinear(4, 2)}
	fc := nn.NewLinear(4, 2)
	fc.Bias = tensor.Zeros(2)
	hint := "(was a tensor assigned to it, as in layer.%s = kernels?): copy values in with layer.%s.SetData(kernels) (PyTorch's layer.%s.data = kernels) or assign layer.%s = nn.NewParameter(kernels)"
	weightHint := fmt.Sprintf(hint, "Weight", "Weight", "weight", "Weight")
	biasHint := fmt.Sprintf(hint, "Bias", "Bias", "bias", "Bias")
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { nn.Parameters(n) },
			"nn.Parameters: conv1.weight of conv1 (Conv2d) is a plain tensor torch.float32 [2 1 3 3], not a parameter, so it would be neither trained nor saved " + weightHint},
		{func() { nn.NamedParameters(conv1) },
			"nn.NamedParameters: weight of the layer (Conv2d) is a plain tensor torch.float32 [2 1 3 3], not a parameter, so it would be neither trained nor saved " + weightHint},
		{func() { optim.NewSGD(nn.Parameters(fc), 0.1) },
			"nn.Parameters: bias of the layer (Linear) is a plain tensor torch.float32 [2], not a parameter, so it would be neither trained nor saved " + biasHint},
		{func() { fc.Forward(tensor.Zeros(3, 4)) },
			"nn.Linear.Forward: bias of the layer (Linear) is a plain tensor torch.float32 [2], not a parameter, so it would be neither trained nor saved " + biasHint},
		{func() { conv1.Forward(tensor.Zeros(1, 1, 4, 4)) },
			"nn.Conv2d.Forward: weight of the layer (Conv2d) is a plain tensor torch.float32 [2 1 3 3], not a parameter, so it would be neither trained nor saved " + weightHint},
		{func() { nn.StateDict(n) },
			"nn.StateDict: conv1.weight of conv1 (Conv2d) is a plain tensor torch.float32 [2 1 3 3], not a parameter, so it would be neither trained nor saved " + weightHint},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
	// Both fixes the message offers work.
	conv1.Weight = nn.NewParameter(chapter9Kernels().Float())
	fc.Bias = nn.NewParameter(tensor.Zeros(2))
	if got := len(nn.Parameters(n)) + len(nn.Parameters(fc)); got != 6 {
		t.Errorf("after nn.NewParameter: %d parameters, want 6", got)
	}
	if y := fc.Forward(tensor.Zeros(3, 4)); y.GradFn() != "AddmmBackward0" {
		t.Errorf("fc(x) after the fix has grad_fn %q", y.GradFn())
	}
}

// TestSetDataAndCopyFromCast: a float64 source is converted to the parameter's
// float32, as PyTorch's copy_ does; SetData may change the shape, as .data = does,
// and then drops a gradient of the old shape.
func TestSetDataAndCopyFromCast(t *testing.T) {
	fc := nn.NewLinear(2, 2)
	fc.Weight.CopyFrom(tensor.New([][]float64{{0.5, -0.25}, {1, 2}}, tensor.Float64))
	want := "Parameter containing:\ntensor([[ 0.5000, -0.2500],\n        [ 1.0000,  2.0000]], requires_grad=True)"
	if got := fmt.Sprint(fc.Weight); got != want {
		t.Errorf("after CopyFrom(float64) the weight prints\n%s\nPyTorch\n%s", got, want)
	}
	fc.Forward(tensor.Ones(1, 2)).Sum().Backward()
	fc.Weight.SetData(tensor.New([]float64{1, 2, 3}, tensor.Float64))
	if got := fmt.Sprint(fc.Weight); got != "Parameter containing:\ntensor([1., 2., 3.], requires_grad=True)" || fc.Weight.Grad() != nil {
		t.Errorf("after SetData of another shape: %s, gradient %v", got, fc.Weight.Grad())
	}
	src := tensor.New([]float32{7})
	fc.Bias.SetData(src)
	src.Float32s()[0] = 8
	if fc.Bias.Float32s()[0] != 7 {
		t.Errorf("SetData shares the source's storage; Kosaku copies")
	}
}

type nilNet struct{ fc1 *nn.Linear }

func (n *nilNet) Forward(x *tensor.Tensor) *tensor.Tensor { return n.fc1.Forward(x) }

// TestMessagesNameTheOp: a float64 batch into a float32 Linear, and nil models,
// inputs and layers, panic with the op's name and what to do.
func TestMessagesNameTheOp(t *testing.T) {
	var net *nilNet
	fc := nn.NewLinear(4, 5)
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { fc.Forward(tensor.New([][]float64{{5.1, 3.5, 1.4, 0.2}}, tensor.Float64)) },
			"nn.Linear.Forward: input [1 4] is torch.float64 but weight [5 4] is torch.float32 (PyTorch: mat1 and mat2 must have the same dtype); convert the input with .Float()"},
		{func() { nn.NewLinear(4, 5).Forward(tensor.Zeros(3, 4).Long()) },
			"nn.Linear.Forward: input [3 4] is torch.int64 but weight [5 4] is torch.float32 (PyTorch: mat1 and mat2 must have the same dtype); convert the input with .Float() (class labels and counts are int64; the layer takes float32 features)"},
		{func() { fc.Forward(nil) }, "nn.Linear.Forward: input is a nil tensor (Linear(in_features=4, out_features=5, bias=True) expects [*, 4])"},
		{func() { var l *nn.Linear; l.Forward(tensor.Zeros(1, 4)) }, "nn.Linear.Forward: the layer is a nil *nn.Linear; make it with nn.NewLinear(in, out)"},
		{func() { (&nilNet{}).Forward(tensor.Zeros(1, 4)) }, "nn.Linear.Forward: the layer is a nil *nn.Linear; make it with nn.NewLinear(in, out)"},
		{func() { nn.Parameters(net) }, "nn.Parameters: the module is a nil *nn_test.nilNet; build it first (net := NewNet() or &Net{...})"},
		{func() { nn.Parameters(nil) }, "nn.Parameters: the module is nil; build it first (net := NewNet() or &Net{...})"},
		{func() { nn.Print(net) }, "nn.Print: the module is a nil *nn_test.nilNet; build it first (net := NewNet() or &Net{...})"},
		{func() { nn.Train(nil) }, "nn.Train: the module is nil; build it first (net := NewNet() or &Net{...})"},
		{func() { nn.Eval(net) }, "nn.Eval: the module is a nil *nn_test.nilNet; build it first (net := NewNet() or &Net{...})"},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
	if !strings.Contains(fmt.Sprint(fc), "Linear(in_features=4") {
		t.Errorf("fmt.Sprint(fc) = %q", fmt.Sprint(fc))
	}
}
