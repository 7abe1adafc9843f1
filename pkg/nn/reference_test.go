package nn_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// refTensor is a tensor as testdata/reference.py stores it.
type refTensor struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
	DType string    `json:"dtype"`
}

// refCase is one forward/backward record of reference.py.
type refCase struct {
	Inputs    []*refTensor `json:"inputs"`
	Out       refTensor    `json:"out"`
	Gy        refTensor    `json:"gy"`
	Grads     []*refTensor `json:"grads"`
	GradFn    string       `json:"grad_fn"`
	Stride    int          `json:"stride"`
	Padding   int          `json:"padding"`
	Kernel    int          `json:"kernel"`
	Dim       int          `json:"dim"`
	Reduction string       `json:"reduction"`
}

type reference struct {
	Linear       []refCase `json:"linear"`
	Conv2d       []refCase `json:"conv2d"`
	MaxPool2d    []refCase `json:"maxpool2d"`
	Softmax      []refCase `json:"softmax"`
	LogSoftmax   []refCase `json:"log_softmax"`
	MSE          []refCase `json:"mse"`
	CrossEntropy []refCase `json:"cross_entropy"`
	BCE          []refCase `json:"bce"`
	Chapter9     map[string]json.RawMessage
}

var ref = func() *reference {
	data, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		panic(err)
	}
	r := &reference{}
	if err := json.Unmarshal(data, r); err != nil {
		panic(err)
	}
	// "chapter9" is decoded separately (mixed value types).
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		panic(err)
	}
	if err := json.Unmarshal(raw["chapter9"], &r.Chapter9); err != nil {
		panic(err)
	}
	return r
}()

// f32 builds a float32 tensor (or int64 for class indices) from a reference tensor.
func (r *refTensor) f32() *tensor.Tensor {
	if r == nil {
		return nil
	}
	if r.DType == "int64" {
		v := make([]int64, len(r.Data))
		for i, x := range r.Data {
			v[i] = int64(x)
		}
		return tensor.FromSlice(v, r.Shape...)
	}
	if len(r.Shape) == 0 {
		return tensor.New(float32(r.Data[0])) // 0-d
	}
	v := make([]float32, len(r.Data))
	for i, x := range r.Data {
		v[i] = float32(x)
	}
	return tensor.FromSlice(v, r.Shape...)
}

// leaf is f32 with gradient tracking for float tensors.
func (r *refTensor) leaf() *tensor.Tensor {
	t := r.f32()
	if t != nil && t.DType() == tensor.Float32 {
		t.RequiresGrad()
	}
	return t
}

// assertTensor compares got with want within tol (relative to 1 + |want|).
func assertTensor(t *testing.T, what string, got *tensor.Tensor, want *refTensor, tol float64) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: got nil, want shape %v", what, want.Shape)
	}
	if !slices.Equal([]int(got.Shape()), want.Shape) && !(len(want.Shape) == 0 && got.Dim() == 0) {
		t.Fatalf("%s: shape %v, want %v", what, []int(got.Shape()), want.Shape)
	}
	g := got.ToFloat64s()
	for i, w := range want.Data {
		if d := math.Abs(g[i] - w); !(d <= tol*(1+math.Abs(w))) {
			t.Fatalf("%s[%d] = %v, want %v (PyTorch)", what, i, g[i], w)
		}
	}
}

// checkCase runs fn on the case's inputs and compares output, grad_fn and the
// gradients after backpropagating the case's gy.
func checkCase(t *testing.T, c refCase, tol float64, fn func(in []*tensor.Tensor) *tensor.Tensor) {
	t.Helper()
	in := make([]*tensor.Tensor, len(c.Inputs))
	for i, r := range c.Inputs {
		in[i] = r.leaf()
	}
	y := fn(in)
	assertTensor(t, "output", y, &c.Out, tol)
	if y.GradFn() != c.GradFn {
		t.Errorf("grad_fn %q, want %q", y.GradFn(), c.GradFn)
	}
	y.Backward(c.Gy.f32())
	for i, g := range c.Grads {
		if g == nil {
			continue
		}
		assertTensor(t, fmt.Sprintf("grad of input %d", i), in[i].Grad(), g, tol)
	}
}

func TestLinearMatchesPyTorch(t *testing.T) {
	for i, c := range ref.Linear {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkCase(t, c, 1e-5, func(in []*tensor.Tensor) *tensor.Tensor { return F.Linear(in[0], in[1], in[2]) })
		})
	}
}

func TestConv2dMatchesPyTorch(t *testing.T) {
	for i, c := range ref.Conv2d {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkCase(t, c, 1e-4, func(in []*tensor.Tensor) *tensor.Tensor {
				return F.Conv2d(in[0], in[1], in[2], c.Stride, c.Padding)
			})
		})
	}
}

func TestConv2dModuleMatchesPyTorch(t *testing.T) {
	for i, c := range ref.Conv2d {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkCase(t, c, 1e-4, func(in []*tensor.Tensor) *tensor.Tensor {
				return convWith(in[1], in[2], nn.Stride(c.Stride), nn.Padding(c.Padding)).Forward(in[0])
			})
		})
	}
}

// convWith builds the nn.Conv2d (with opts) whose parameters are a case's tensors: the
// weight w and the bias b, or no bias when b is nil. The gradients land on them.
func convWith(w, b *tensor.Tensor, opts ...nn.Option) *nn.Conv2d {
	ws := w.Shape()
	if b == nil {
		opts = append(opts, nn.Bias(false))
	}
	conv := nn.NewConv2d(ws[1], ws[0], [2]int{ws[2], ws[3]}, opts...)
	conv.Weight = nn.NewParameter(w)
	if b != nil {
		conv.Bias = nn.NewParameter(b)
	}
	return conv
}

func TestMaxPool2dMatchesPyTorch(t *testing.T) {
	for i, c := range ref.MaxPool2d {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkCase(t, c, 0, func(in []*tensor.Tensor) *tensor.Tensor {
				return nn.NewMaxPool2d(c.Kernel, nn.Stride(c.Stride), nn.Padding(c.Padding)).Forward(in[0])
			})
		})
	}
}

func TestSoftmaxMatchesPyTorch(t *testing.T) {
	for i, c := range ref.Softmax {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkCase(t, c, 1e-6, func(in []*tensor.Tensor) *tensor.Tensor { return nn.NewSoftmax(c.Dim).Forward(in[0]) })
		})
	}
	for i, c := range ref.LogSoftmax {
		t.Run(fmt.Sprint("log", i), func(t *testing.T) {
			checkCase(t, c, 1e-6, func(in []*tensor.Tensor) *tensor.Tensor { return F.LogSoftmax(in[0], c.Dim) })
		})
	}
}

func TestLossesMatchPyTorch(t *testing.T) {
	for _, c := range ref.MSE {
		t.Run("mse/"+c.Reduction, func(t *testing.T) {
			checkCase(t, c, 1e-6, func(in []*tensor.Tensor) *tensor.Tensor {
				return nn.NewMSELoss(nn.Reduction(F.Reduction(c.Reduction))).Forward(in[0], in[1])
			})
		})
	}
	for _, c := range ref.CrossEntropy {
		t.Run("ce/"+c.Reduction, func(t *testing.T) {
			checkCase(t, c, 1e-6, func(in []*tensor.Tensor) *tensor.Tensor {
				return nn.NewCrossEntropyLoss(nn.Reduction(F.Reduction(c.Reduction))).Forward(in[0], in[1])
			})
		})
	}
	for i, c := range ref.BCE {
		t.Run(fmt.Sprint("bce/", c.Reduction, i), func(t *testing.T) {
			checkCase(t, c, 1e-5, func(in []*tensor.Tensor) *tensor.Tensor {
				in[1].SetRequiresGrad(false) // PyTorch's BCE has no gradient for the target
				return nn.NewBCELoss(nn.Reduction(F.Reduction(c.Reduction))).Forward(in[0], in[1])
			})
		})
	}
}
