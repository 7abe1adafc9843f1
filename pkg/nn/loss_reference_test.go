package nn_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// lossTensor is a tensor of testdata/losses.json; a null datum is NaN.
type lossTensor struct {
	Shape []int      `json:"shape"`
	Data  []*float64 `json:"data"`
	DType string     `json:"dtype"`
}

func (r *lossTensor) values() []float64 {
	v := make([]float64, len(r.Data))
	for i, p := range r.Data {
		v[i] = math.NaN()
		if p != nil {
			v[i] = *p
		}
	}
	return v
}

// tensor rebuilds the tensor in its dtype (float32 or int64), a leaf that
// requires a gradient when it is float.
func (r *lossTensor) tensor() *tensor.Tensor {
	if r == nil {
		return nil
	}
	v := r.values()
	var t *tensor.Tensor
	if r.DType == "int64" {
		ints := make([]int64, len(v))
		for i, x := range v {
			ints[i] = int64(x)
		}
		t = tensor.FromSlice(ints, max(1, len(ints))).Reshape(r.Shape...)
		return t
	}
	fs := make([]float32, len(v))
	for i, x := range v {
		fs[i] = float32(x)
	}
	return tensor.FromSlice(fs, len(fs)).Reshape(r.Shape...).Detach().RequiresGrad()
}

type lossCase struct {
	Inputs   []*lossTensor  `json:"inputs"`
	Kwargs   map[string]any `json:"kwargs"`
	Out      lossTensor     `json:"out"`
	Gy       lossTensor     `json:"gy"`
	Grads    []*lossTensor  `json:"grads"`
	GradFn   string         `json:"grad_fn"`
	Warnings []string       `json:"warnings"`
	Kind     string         `json:"kind"`
}

var lossRef = func() (r struct {
	MSE          []lossCase        `json:"mse_broadcast"`
	CrossEntropy []lossCase        `json:"cross_entropy"`
	Errors       map[string]string `json:"errors"`
	Repr         string            `json:"repr"`
}) {
	data, err := os.ReadFile("testdata/losses.json")
	if err != nil {
		panic(fmt.Sprintf("%v (regenerate with /usr/bin/python3 testdata/gen_losses.py > testdata/losses.json)", err))
	}
	if err := json.Unmarshal(data, &r); err != nil {
		panic(err)
	}
	return r
}()

// sameLoss compares got with want within tol relative to 1 + |want|; NaN matches NaN.
func sameLoss(t *testing.T, what string, got *tensor.Tensor, want *lossTensor, tol float64) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: got nil, PyTorch %v", what, want.Shape)
	}
	if !slices.Equal([]int(got.Shape()), want.Shape) {
		t.Fatalf("%s: shape %v, PyTorch %v", what, []int(got.Shape()), want.Shape)
	}
	g := got.ToFloat64s()
	for i, w := range want.values() {
		if math.IsNaN(w) != math.IsNaN(g[i]) || math.Abs(g[i]-w) > tol*(1+math.Abs(w)) {
			t.Fatalf("%s[%d] = %v, PyTorch %v", what, i, g[i], w)
		}
	}
}

// runLossCase feeds a case to fn, then compares the output, its grad_fn and the
// gradients of every input after backpropagating the case's gy.
func runLossCase(t *testing.T, c lossCase, fn func(in []*tensor.Tensor) *tensor.Tensor) {
	t.Helper()
	in := make([]*tensor.Tensor, len(c.Inputs))
	for i, r := range c.Inputs {
		in[i] = r.tensor()
	}
	y := fn(in)
	sameLoss(t, "loss", y, &c.Out, 2e-6)
	if y.GradFn() != c.GradFn {
		t.Errorf("grad_fn %q, PyTorch %q", y.GradFn(), c.GradFn)
	}
	y.Backward(c.Gy.tensor().Detach())
	for i, g := range c.Grads {
		if g == nil {
			if in[i].DType() != tensor.Int64 && in[i].Grad() != nil {
				t.Errorf("input %d has gradient %v, PyTorch none", i, in[i].Grad())
			}
			continue
		}
		sameLoss(t, fmt.Sprintf("gradient of input %d", i), in[i].Grad(), g, 2e-6)
	}
}

// TestMSELossBroadcastsAsPyTorch: chapter 5's criterion(w @ x, t) with [1] against
// [1, 1], and other broadcasts, give PyTorch's values and gradients for input and
// target, with PyTorch's warning text printed once.
func TestMSELossBroadcastsAsPyTorch(t *testing.T) {
	if len(lossRef.MSE) < 12 {
		t.Fatalf("losses.json holds %d MSE cases; regenerate it", len(lossRef.MSE))
	}
	var warned bytes.Buffer
	prev := F.SetWarningOutput(&warned)
	defer F.SetWarningOutput(prev)
	want := map[string]bool{}
	for i, c := range lossRef.MSE {
		red := F.Reduction(c.Kwargs["reduction"].(string))
		t.Run(fmt.Sprint(i, "_", c.Inputs[0].Shape, c.Inputs[1].Shape, red), func(t *testing.T) {
			runLossCase(t, c, func(in []*tensor.Tensor) *tensor.Tensor {
				return nn.NewMSELoss(nn.Reduction(red)).Forward(in[0], in[1])
			})
		})
		if len(c.Warnings) != 1 {
			t.Fatalf("case %d: PyTorch printed %d warnings", i, len(c.Warnings))
		}
		want[c.Warnings[0]+"\n"] = true
	}
	// Each distinct warning once, in PyTorch's words.
	lines := strings.SplitAfter(warned.String(), "\n")
	lines = lines[:len(lines)-1]
	if len(lines) != len(want) {
		t.Fatalf("printed %d warnings for %d distinct PyTorch warnings:\n%s", len(lines), len(want), warned.String())
	}
	for _, l := range lines {
		if !want[l] {
			t.Errorf("printed %q, not one of PyTorch's warnings", l)
		}
	}
	const chapter5 = "UserWarning: Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.\n"
	if !want[chapter5] || lines[0] != chapter5 {
		t.Errorf("chapter 5's warning %q missing or not first: %q", chapter5, lines[0])
	}
}

// TestChapter5Criterion is the chapter's cell: loss = criterion(w @ x, t) with
// w [[1.95]], x [1.0], t [[2.0]] prints tensor(0.0025, grad_fn=<MseLossBackward0>)
// and its backward gives w.grad tensor([[-0.1000]]).
func TestChapter5Criterion(t *testing.T) {
	prev := F.SetWarningOutput(nil)
	defer F.SetWarningOutput(prev)
	w := tensor.FromSlice([]float32{1.95}, 1, 1).RequiresGrad()
	x := tensor.FromSlice([]float32{1.0}, 1)
	target := tensor.FromSlice([]float32{2.0}, 1, 1)
	criterion := nn.NewMSELoss()
	loss := criterion.Forward(w.MatMul(x), target)
	if got := loss.String(); got != "tensor(0.0025, grad_fn=<MseLossBackward0>)" {
		t.Errorf("loss prints %q", got)
	}
	loss.Backward()
	if got := w.Grad().String(); got != "tensor([[-0.1000]])" {
		t.Errorf("w.grad prints %q", got)
	}
}

// TestCrossEntropyOptionsMatchPyTorch replays gen_losses.py's cross-entropy cases:
// weight, ignore_index, label_smoothing, probability targets, unbatched and
// spatial scores, each with the three reductions.
func TestCrossEntropyOptionsMatchPyTorch(t *testing.T) {
	if len(lossRef.CrossEntropy) < 50 {
		t.Fatalf("losses.json holds %d cross-entropy cases; regenerate it", len(lossRef.CrossEntropy))
	}
	for i, c := range lossRef.CrossEntropy {
		opts := []nn.Option{nn.Reduction(F.Reduction(c.Kwargs["reduction"].(string)))}
		if w, ok := c.Kwargs["weight"]; ok {
			raw, _ := json.Marshal(w)
			var lt lossTensor
			if err := json.Unmarshal(raw, &lt); err != nil {
				t.Fatal(err)
			}
			opts = append(opts, nn.Weight(lt.tensor().Detach()))
		}
		if v, ok := c.Kwargs["ignore_index"]; ok {
			opts = append(opts, nn.IgnoreIndex(int64(v.(float64))))
		}
		if v, ok := c.Kwargs["label_smoothing"]; ok {
			opts = append(opts, nn.LabelSmoothing(v.(float64)))
		}
		t.Run(fmt.Sprint(i, "_", c.Kind, c.Inputs[0].Shape, c.Kwargs), func(t *testing.T) {
			runLossCase(t, c, func(in []*tensor.Tensor) *tensor.Tensor {
				return nn.NewCrossEntropyLoss(opts...).Forward(in[0], in[1])
			})
		})
	}
}

// TestLossMessages: PyTorch's errors, in PyTorch's words where it has them, named
// after the Kosaku function.
func TestLossMessages(t *testing.T) {
	x := tensor.Zeros(4, 3)
	classes := tensor.FromSlice([]int64{0, 1, 2, 0}, 4)
	for _, c := range []struct {
		f       func()
		want    string
		pytorch string // the error key in losses.json whose text the message carries
	}{
		{func() { F.CrossEntropy(x, F.Softmax(x, 1), F.ReductionMean, F.IgnoreIndex(1)) },
			"F.CrossEntropy: ignore_index is not supported for floating point target (class probabilities [4 3])", "prob_ignore_index"},
		{func() { nn.NewCrossEntropyLoss(nn.Weight(tensor.Ones(4))).Forward(x, classes) },
			"F.CrossEntropy: weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [4]", "weight_shape"},
		{func() { nn.NewCrossEntropyLoss(nn.LabelSmoothing(1.5)).Forward(x, classes) },
			"F.CrossEntropy: label_smoothing must be between 0.0 and 1.0. Got: 1.5", "label_smoothing"},
		{func() {
			nn.NewCrossEntropyLoss(nn.Weight(tensor.Ones(3))).Forward(x, tensor.FromSlice([]int64{0, 1, 3, 0}, 4))
		},
			"F.CrossEntropy: target 3 (sample 2) is out of bounds for 3 classes", ""},
		{func() { nn.NewCrossEntropyLoss().Forward(x, tensor.FromSlice([]int64{0, 1}, 2)) },
			"F.CrossEntropy: expected input batch_size (4) to match target batch_size (2): scores [4 3], classes [2]", ""},
		{func() { nn.NewBCELoss().Forward(tensor.Full(0.5, 1), tensor.Full(1.0, 1, 1)) },
			"F.BinaryCrossEntropy: Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1])) is deprecated. Please ensure they have the same size (reshape one).", "bce_shape"},
		{func() { nn.NewMSELoss().Forward(tensor.Zeros(3), tensor.Zeros(2)) },
			"F.MSELoss: input [3] and target [2] cannot be broadcast: the size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0 (reshape one to the other's shape)", "mse_broadcast"},
		{func() { nn.NewMSELoss().Forward(nil, x) }, "F.MSELoss: input is a nil tensor (target [4 3])", ""},
		{func() { nn.NewMSELoss().Forward(x, nil) }, "F.MSELoss: target is a nil tensor (input [4 3])", ""},
		{func() { nn.NewCrossEntropyLoss().Forward(x, nil) }, "F.CrossEntropy: target is a nil tensor (input [4 3])", ""},
		{func() { nn.NewBCELoss().Forward(nil, nil) }, "F.BinaryCrossEntropy: input and target are nil tensors", ""},
		{func() { var crit *nn.MSELoss; crit.Forward(x, x) }, "nn.MSELoss.Forward: the loss is a nil *nn.MSELoss; make it with its New function", ""},
		{func() { nn.NewCrossEntropyLoss(nn.Bias(true)) },
			"nn.NewCrossEntropyLoss: option Bias does not apply (it takes Reduction, Weight, IgnoreIndex, LabelSmoothing)", ""},
	} {
		func() {
			defer func() {
				msg := fmt.Sprint(recover())
				if msg != c.want {
					t.Errorf("panic %q\nwant  %q", msg, c.want)
				}
				if c.pytorch != "" {
					py := lossRef.Errors[c.pytorch]
					py = py[strings.Index(py, ": ")+2:]
					py = strings.TrimSuffix(py, ".")
					if !strings.Contains(strings.ToLower(msg), strings.ToLower(py)) {
						t.Errorf("panic %q does not carry PyTorch's %q", msg, py)
					}
				}
			}()
			c.f()
		}()
	}
	if lossRef.Repr != "CrossEntropyLoss()" || nn.NewCrossEntropyLoss(nn.LabelSmoothing(0.1)).String() != lossRef.Repr {
		t.Errorf("CrossEntropyLoss with options prints %q, PyTorch %q", nn.NewCrossEntropyLoss(nn.LabelSmoothing(0.1)), lossRef.Repr)
	}
}
