package optim

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// zeroGradReference is testdata/zero_grad.json, written by testdata/gen_zero_grad.py
// from PyTorch 1.13.
type zeroGradReference struct {
	X, Y    []float32
	Shapes  [][]int     `json:"shapes"`
	Initial [][]float32 `json:"initial"`
	SkipB   []int       `json:"skip_b"`
	Cases   []struct {
		Optimizer string         `json:"optimizer"`
		Options   map[string]any `json:"options"`
		SetToNone bool           `json:"set_to_none"`
		Steps     []struct {
			Zeroed [][]float32 `json:"zeroed"` // gradients right after zero_grad (nil: None)
			Grads  [][]float32 `json:"grads"`  // after backward
			Params [][]float32 `json:"params"` // after step
		} `json:"steps"`
	} `json:"cases"`
	Chapter5 struct {
		Before, Grad, Zeroed string
	} `json:"chapter5"`
}

func loadZeroGradReference(t *testing.T) zeroGradReference {
	t.Helper()
	ref := testkit.LoadJSON[zeroGradReference](t, "testdata/zero_grad.json", "/usr/bin/python3 testdata/gen_zero_grad.py > testdata/zero_grad.json")
	if len(ref.Cases) != 6 || len(ref.SkipB) == 0 {
		t.Fatalf("testdata/zero_grad.json holds %d cases and skip steps %v; regenerate it", len(ref.Cases), ref.SkipB)
	}
	return ref
}

// TestZeroGradTrajectoryAgainstPyTorch runs the whole loop of gen_zero_grad.py
// (ZeroGrad, forward, Backward, Step) with autograd: b is left out of the loss on
// some steps and c never enters it. With 1.13's zero-filling ZeroGrad, b keeps a
// zero gradient on its skipped steps and SGD's momentum (Adam's moments) still move
// it; c keeps no gradient and never moves. With SetToNone, b is skipped on those
// steps. Both trajectories must follow PyTorch's, and must differ from each other.
func TestZeroGradTrajectoryAgainstPyTorch(t *testing.T) {
	ref := loadZeroGradReference(t)
	skip := map[int]bool{}
	for _, s := range ref.SkipB {
		skip[s] = true
	}
	x := tensor.FromSlice(ref.X, 4, 3)
	y := tensor.FromSlice(ref.Y, 4, 2)
	for ci, c := range ref.Cases {
		t.Run(fmt.Sprintf("%d_%s_%v_setToNone%v", ci, c.Optimizer, c.Options, c.SetToNone), func(t *testing.T) {
			params := make([]*tensor.Tensor, len(ref.Shapes))
			for i, shape := range ref.Shapes {
				params[i] = tensor.FromSlice(ref.Initial[i], shape...).RequiresGrad()
			}
			w, b := params[0], params[1]
			opt := optimiserFor(t, c.Optimizer, c.Options, params)
			var zopts []Option
			if c.SetToNone {
				zopts = append(zopts, SetToNone())
			}
			for si, step := range c.Steps {
				opt.ZeroGrad(zopts...)
				compareGrads(t, fmt.Sprintf("step %d after ZeroGrad", si+1), params, step.Zeroed)
				out := x.MatMul(w.T())
				if !skip[si] {
					out = out.Add(b)
				}
				out.Sub(y).Pow(2).Mean().Backward()
				compareGrads(t, fmt.Sprintf("step %d after Backward", si+1), params, step.Grads)
				opt.Step()
				compareParams(t, si+1, params, step.Params)
			}
		})
	}
	// The reference itself must show the difference the option makes for SGD with
	// momentum, or the test above could not tell the two behaviours apart.
	last := func(i int) float32 { s := ref.Cases[i].Steps; return s[len(s)-1].Params[1][0] }
	if ref.Cases[0].Optimizer != "SGD" || ref.Cases[0].SetToNone || !ref.Cases[1].SetToNone || math.Abs(float64(last(0)-last(1))) < 0.01 {
		t.Fatalf("reference cases 0 and 1 should be SGD with momentum without and with set_to_none, ending apart; got b %v and %v", last(0), last(1))
	}
}

func compareGrads(t *testing.T, where string, params []*tensor.Tensor, want [][]float32) {
	t.Helper()
	for i, w := range want {
		g := params[i].Grad()
		if (g == nil) != (w == nil) {
			t.Fatalf("%s: parameter %d has gradient %v, PyTorch %v", where, i, g, w)
		}
		if g == nil {
			continue
		}
		got := g.Float32s()
		for j := range w {
			if !closeF32(got[j], w[j]) {
				t.Fatalf("%s: parameter %d gradient element %d: got %.9g, PyTorch %.9g", where, i, j, got[j], w[j])
			}
		}
	}
}

// TestZeroGradChapter5 prints w.grad around optimizer.zero_grad() as chapter 5 does:
// None before any backward, tensor([[-0.1000]]) after it, tensor([[0.]]) after
// zero_grad — the same tensor, filled in place.
func TestZeroGradChapter5(t *testing.T) {
	ref := loadZeroGradReference(t).Chapter5
	w := tensor.New([][]float32{{1.95}}).RequiresGrad()
	target := tensor.New([][]float32{{2.0}})
	x := tensor.New([]float32{1.0})
	opt := NewSGD([]*tensor.Tensor{w}, 0.3)
	if w.Grad() != nil || ref.Before != "None" {
		t.Fatalf("gradient before backward: %v (PyTorch %s)", w.Grad(), ref.Before)
	}
	w.Mul(x).Sub(target).Pow(2).Mean().Backward()
	if got := w.Grad().String(); got != ref.Grad {
		t.Fatalf("gradient after backward prints %q, PyTorch %q", got, ref.Grad)
	}
	held := w.Grad()
	opt.Step()
	opt.ZeroGrad()
	if got := w.Grad().String(); got != ref.Zeroed {
		t.Fatalf("gradient after ZeroGrad prints %q, PyTorch %q", got, ref.Zeroed)
	}
	if w.Grad() != held || held.String() != ref.Zeroed {
		t.Fatalf("ZeroGrad replaced the gradient tensor instead of zeroing it in place (held one prints %v)", held)
	}
	opt.ZeroGrad(SetToNone())
	if w.Grad() != nil {
		t.Fatalf("ZeroGrad(SetToNone()) left gradient %v", w.Grad())
	}
}

// TestZeroGradOptions: ZeroGrad takes SetToNone only, and names itself otherwise.
func TestZeroGradOptions(t *testing.T) {
	w := tensor.New([]float32{1}).RequiresGrad()
	for _, opt := range []Optimizer{NewSGD([]*tensor.Tensor{w}, 0.1), NewAdam([]*tensor.Tensor{w}, 0.1)} {
		func() {
			defer func() {
				msg := fmt.Sprint(recover())
				name := strings.TrimPrefix(fmt.Sprintf("%T", opt), "*optim.")
				want := "optim." + name + ".ZeroGrad: option Momentum does not apply (it takes SetToNone)"
				if msg != want {
					t.Errorf("panic %q, want %q", msg, want)
				}
			}()
			opt.ZeroGrad(Momentum(0.9))
		}()
	}
}

// TestNilParametersNameTheOp: an empty or nil parameter list, or a nil tensor in
// it, panics naming the constructor, as PyTorch raises ValueError.
func TestNilParametersNameTheOp(t *testing.T) {
	w := tensor.New([]float32{1}).RequiresGrad()
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { NewSGD(nil, 0.1) }, "optim.NewSGD: optimizer got an empty parameter list; pass the model's, e.g. nn.Parameters(net)"},
		{func() { NewAdam([]*tensor.Tensor{}, 0.1) }, "optim.NewAdam: optimizer got an empty parameter list; pass the model's, e.g. nn.Parameters(net)"},
		{func() { NewSGD([]*tensor.Tensor{w, nil}, 0.1) }, "optim.NewSGD: parameter 1 of 2 is a nil tensor; pass the model's parameters, e.g. nn.Parameters(net)"},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
}
