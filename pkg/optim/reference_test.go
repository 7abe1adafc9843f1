package optim

import (
	"fmt"
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// reference is testdata/reference.json, written by testdata/reference.py from PyTorch 1.13.
type reference struct {
	TorchVersion string      `json:"torch_version"`
	Shapes       [][]int     `json:"shapes"`
	Initial      [][]float32 `json:"initial"`
	Cases        []struct {
		Optimizer string         `json:"optimizer"`
		Options   map[string]any `json:"options"`
		SkipB     bool           `json:"skip_b"`
		Steps     []struct {
			Grads  [][]float32 `json:"grads"` // a nil entry: that parameter had no gradient
			Params [][]float32 `json:"params"`
		} `json:"steps"`
	} `json:"cases"`
	Chapter5 []struct {
		Grad float32 `json:"grad"`
		W    float32 `json:"w"`
	} `json:"chapter5"`
}

func loadReference(t *testing.T) reference {
	t.Helper()
	ref := testkit.LoadJSON[reference](t, "testdata/reference.json", "/usr/bin/python3 testdata/reference.py > testdata/reference.json")
	if len(ref.Cases) == 0 || len(ref.Chapter5) != 2 {
		t.Fatalf("testdata/reference.json holds %d cases and %d chapter 5 steps; regenerate it", len(ref.Cases), len(ref.Chapter5))
	}
	return ref
}

// optimiserFor builds the Go optimiser that matches a reference case's PyTorch keyword arguments.
func optimiserFor(t *testing.T, name string, kw map[string]any, params []*tensor.Tensor) Optimizer {
	t.Helper()
	num := func(k string, def float64) float64 {
		if v, ok := kw[k]; ok {
			return v.(float64)
		}
		return def
	}
	// Each keyword PyTorch was given becomes the Go option of the same name.
	var opts []Option
	numOpt := func(k string, opt func(float64) Option) {
		if _, ok := kw[k]; ok {
			opts = append(opts, opt(num(k, 0)))
		}
	}
	flagOpt := func(k string, opt func() Option) {
		if v, ok := kw[k]; ok && v.(bool) {
			opts = append(opts, opt())
		}
	}
	switch name {
	case "SGD":
		numOpt("momentum", Momentum)
		numOpt("dampening", Dampening)
		numOpt("weight_decay", WeightDecay)
		flagOpt("nesterov", Nesterov)
		return NewSGD(params, num("lr", math.NaN()), opts...)
	case "Adam":
		if b, ok := kw["betas"]; ok {
			bs := b.([]any)
			opts = append(opts, Betas(bs[0].(float64), bs[1].(float64)))
		}
		numOpt("eps", Eps)
		numOpt("weight_decay", WeightDecay)
		flagOpt("amsgrad", AMSGrad)
		return NewAdam(params, num("lr", 1e-3), opts...)
	}
	t.Fatalf("unknown optimiser %q in the reference", name)
	return nil
}

// closeF32 reports whether got is within 4 float32 rounding steps (ulps) of want:
// PyTorch's vectorised kernels fuse some multiply-adds (one rounding) where Go rounds
// twice, so a step can differ in the last bit, and such differences add up slowly over
// steps. Values below 1 are held to the ulp of 1, the scale of the parameters they
// were computed from (a weight of 0.008 is the difference of numbers near 1).
func closeF32(got, want float32) bool {
	mag := float32(math.Max(math.Abs(float64(want)), 1))
	ulp := math.Nextafter32(mag, float32(math.Inf(1))) - mag
	return math.Abs(float64(got)-float64(want)) <= 4*float64(ulp)
}

// compareParams fails t unless every parameter is PyTorch's after step step (to
// closeF32), and returns the largest difference.
func compareParams(t *testing.T, step int, params []*tensor.Tensor, want [][]float32) (worst float64) {
	t.Helper()
	for i, w := range want {
		got := params[i].Float32s()
		for j := range w {
			if !closeF32(got[j], w[j]) {
				t.Fatalf("step %d, parameter %d, element %d: got %.9g, PyTorch %.9g", step, i, j, got[j], w[j])
			}
			worst = math.Max(worst, math.Abs(float64(got[j]-w[j])))
		}
	}
	return worst
}

// TestAgainstPyTorch replays every recorded PyTorch trajectory: the same gradients go
// into the Go optimiser, and the parameters after each step must match PyTorch's.
func TestAgainstPyTorch(t *testing.T) {
	ref := loadReference(t)
	for ci, c := range ref.Cases {
		name := fmt.Sprintf("%d_%s_%v_skip%v", ci, c.Optimizer, c.Options, c.SkipB)
		t.Run(name, func(t *testing.T) {
			params := make([]*tensor.Tensor, len(ref.Shapes))
			for i, shape := range ref.Shapes {
				params[i] = tensor.FromSlice(ref.Initial[i], shape...).RequiresGrad()
			}
			opt := optimiserFor(t, c.Optimizer, c.Options, params)
			worst := 0.0
			for si, step := range c.Steps {
				opt.ZeroGrad(SetToNone()) // reference.py calls zero_grad(set_to_none=True)
				for i, g := range step.Grads {
					if g != nil {
						params[i].SetGrad(tensor.FromSlice(g, ref.Shapes[i]...))
					}
				}
				opt.Step()
				worst = math.Max(worst, compareParams(t, si+1, params, step.Params))
			}
			t.Logf("largest difference from PyTorch over %d steps: %.3g", len(c.Steps), worst)
		})
	}
}

// TestSkippedParameterKeepsState checks PyTorch's rule that a parameter without a
// gradient (nil after ZeroGrad(SetToNone())) is left alone: not moved, its momentum buffer and Adam step count unchanged.
func TestSkippedParameterKeepsState(t *testing.T) {
	for _, mk := range []func([]*tensor.Tensor) Optimizer{
		func(p []*tensor.Tensor) Optimizer { return NewSGD(p, 0.1, Momentum(0.9)) },
		func(p []*tensor.Tensor) Optimizer { return NewAdam(p, 0.1) },
	} {
		a := tensor.New([]float32{1, 2}).RequiresGrad()
		b := tensor.New([]float32{3}).RequiresGrad()
		opt := mk([]*tensor.Tensor{a, b})
		a.SetGrad(tensor.New([]float32{1, 1}))
		b.SetGrad(tensor.New([]float32{1}))
		opt.Step()
		before := opt.State()
		bBefore := b.Float32s()[0]
		opt.ZeroGrad(SetToNone())
		a.SetGrad(tensor.New([]float32{1, 1}))
		opt.Step()
		after := opt.State()
		if b.Float32s()[0] != bBefore {
			t.Errorf("%T: parameter without gradient moved from %v to %v", opt, bBefore, b.Float32s()[0])
		}
		if after.Params[1].Step != before.Params[1].Step {
			t.Errorf("%T: step count of skipped parameter changed %d -> %d", opt, before.Params[1].Step, after.Params[1].Step)
		}
		for k, buf := range after.Params[1].Buffers {
			if fmt.Sprint(buf.Float32s()) != fmt.Sprint(before.Params[1].Buffers[k].Float32s()) {
				t.Errorf("%T: buffer %s of skipped parameter changed", opt, k)
			}
		}
		for k, buf := range after.Params[0].Buffers {
			if fmt.Sprint(buf.Float32s()) == fmt.Sprint(before.Params[0].Buffers[k].Float32s()) {
				t.Errorf("%T: buffer %s of the updated parameter did not change: %v", opt, k, buf.Float32s())
			}
		}
	}
}
