package optim

import (
	"math"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// quadratic sets the gradient of sum((p - target)^2) on every parameter, by hand, so the
// state tests do not depend on autograd.
func quadratic(params []*tensor.Tensor, target float32) {
	for _, p := range params {
		g := tensor.ZerosLike(p)
		gs, ps := g.Float32s(), p.Float32s()
		for i := range ps {
			gs[i] = 2 * (ps[i] - target)
		}
		p.SetGrad(g)
	}
}

func twoParams() []*tensor.Tensor {
	return []*tensor.Tensor{
		tensor.New([][]float32{{0.5, -1.5, 2}, {3, 0.25, -0.75}}).RequiresGrad(),
		tensor.New([]float32{-1, 1}).RequiresGrad(),
	}
}

// steppedSGD is SGD (lr 0.1, momentum 0.9) over twoParams after one step of
// quadratic towards 0, so that it holds momentum buffers.
func steppedSGD() (*SGD, []*tensor.Tensor) {
	p := twoParams()
	opt := NewSGD(p, 0.1, Momentum(0.9))
	quadratic(p, 0)
	opt.Step()
	return opt, p
}

func cloneParams(ps []*tensor.Tensor) []*tensor.Tensor {
	out := make([]*tensor.Tensor, len(ps))
	for i, p := range ps {
		c := tensor.ZerosLike(p)
		c.CopyFrom(p)
		out[i] = c.RequiresGrad()
	}
	return out
}

// TestStateRoundTrip: an optimiser rebuilt from a saved state (as in a new notebook cell)
// continues exactly, bit for bit, as the original does.
func TestStateRoundTrip(t *testing.T) {
	makers := map[string]func([]*tensor.Tensor) Optimizer{
		"SGD nesterov": func(p []*tensor.Tensor) Optimizer {
			return NewSGD(p, 0.05, Momentum(0.9), Nesterov(), WeightDecay(0.01))
		},
		"SGD dampening": func(p []*tensor.Tensor) Optimizer { return NewSGD(p, 0.05, Momentum(0.5), Dampening(0.3)) },
		"Adam":          func(p []*tensor.Tensor) Optimizer { return NewAdam(p, 0.05, WeightDecay(0.1)) },
		"Adam AMSGrad":  func(p []*tensor.Tensor) Optimizer { return NewAdam(p, 0.05, AMSGrad(), Betas(0.8, 0.9)) },
	}
	for name, mk := range makers {
		t.Run(name, func(t *testing.T) {
			a := twoParams()
			optA := mk(a)
			for i := 0; i < 3; i++ {
				optA.ZeroGrad()
				quadratic(a, 1)
				optA.Step()
			}
			saved := optA.State()
			b := cloneParams(a)
			optB := mk(b)
			if err := optB.LoadState(saved); err != nil {
				t.Fatal(err)
			}
			// Changing the saved copy must not reach into optB (LoadState copies).
			for _, ps := range saved.Params {
				for _, buf := range ps.Buffers {
					buf.Float32s()[0] = 1e9
				}
			}
			for i := 0; i < 4; i++ {
				optA.ZeroGrad()
				quadratic(a, 1)
				optA.Step()
				optB.ZeroGrad()
				quadratic(b, 1)
				optB.Step()
			}
			for i := range a {
				ga, gb := a[i].Float32s(), b[i].Float32s()
				for j := range ga {
					if math.Float32bits(ga[j]) != math.Float32bits(gb[j]) {
						t.Fatalf("parameter %d element %d: continued run %v, restored run %v", i, j, ga[j], gb[j])
					}
				}
			}
		})
	}
}

// TestStateIsACopy: State returns a snapshot that later steps do not change.
func TestStateIsACopy(t *testing.T) {
	opt, p := steppedSGD()
	st := opt.State()
	before := st.Params[0].Buffers["momentum_buffer"].Float32s()[0]
	quadratic(p, 0)
	opt.Step()
	if got := st.Params[0].Buffers["momentum_buffer"].Float32s()[0]; got != before {
		t.Fatalf("snapshot changed from %v to %v after another step", before, got)
	}
	if st.Optimizer != "SGD" || st.Hyper["lr"] != 0.1 || st.Hyper["momentum"] != 0.9 {
		t.Fatalf("state header %q %v", st.Optimizer, st.Hyper)
	}
}

func TestLoadStateRejectsMismatch(t *testing.T) {
	sgd, _ := steppedSGD()
	good := sgd.State()

	adam := NewAdam(twoParams(), 0.1)
	if err := adam.LoadState(good); err == nil || !strings.Contains(err.Error(), "cannot load SGD state into an Adam optimiser") {
		t.Errorf("Adam loading SGD state: %v", err)
	}
	short := NewSGD(twoParams()[:1], 0.1, Momentum(0.9))
	if err := short.LoadState(good); err == nil || !strings.Contains(err.Error(), "has 2 parameters but the optimiser has 1") {
		t.Errorf("loading into fewer parameters: %v", err)
	}
	other := NewSGD([]*tensor.Tensor{tensor.Zeros(3, 2).RequiresGrad(), tensor.Zeros(2).RequiresGrad()}, 0.1, Momentum(0.9))
	if err := other.LoadState(good); err == nil || !strings.Contains(err.Error(), "[2 3]") || !strings.Contains(err.Error(), "[3 2]") {
		t.Errorf("loading into other shapes: %v", err)
	}
	// A failed load leaves the optimiser's own state alone.
	if got := other.State().Params[0].Buffers; len(got) != 0 {
		t.Errorf("failed LoadState changed the state: %v", got)
	}
	bad := sgd.State()
	bad.Params[0].Buffers["exp_avg"] = bad.Params[0].Buffers["momentum_buffer"]
	if err := NewSGD(twoParams(), 0.1).LoadState(bad); err == nil || !strings.Contains(err.Error(), `unknown buffer "exp_avg"`) {
		t.Errorf("unknown buffer: %v", err)
	}
}

func TestInvalidSettingsPanic(t *testing.T) {
	p := func() []*tensor.Tensor { return twoParams() }
	testkit.ExpectPanicContaining(t, "optim.NewSGD: Nesterov momentum requires a momentum and zero dampening", func() { NewSGD(p(), 0.1, Nesterov()) })
	testkit.ExpectPanicContaining(t, "optim.NewSGD: Nesterov momentum requires a momentum and zero dampening", func() {
		NewSGD(p(), 0.1, Nesterov(), Momentum(0.9), Dampening(0.1))
	})
	testkit.ExpectPanicContaining(t, "optim.NewSGD: invalid learning rate -0.1", func() { NewSGD(p(), -0.1) })
	testkit.ExpectPanicContaining(t, "optim.NewSGD: option Betas does not apply (it takes Momentum, Dampening, WeightDecay, Nesterov)", func() { NewSGD(p(), 0.1, Betas(0.9, 0.99)) })
	testkit.ExpectPanicContaining(t, "optim.NewAdam: option Momentum does not apply (it takes Betas, Eps, WeightDecay, AMSGrad)", func() { NewAdam(p(), 0.1, Momentum(0.9)) })
	testkit.ExpectPanicContaining(t, "optim.NewAdam: invalid beta parameter at index 1: 1", func() { NewAdam(p(), 0.1, Betas(0.9, 1)) })
	testkit.ExpectPanicContaining(t, "optim.NewSGD: parameters 0 and 1 are the same tensor [2 3]", func() {
		q := p()
		NewSGD([]*tensor.Tensor{q[0], q[0]}, 0.1)
	})
	testkit.ExpectPanicContaining(t, "optim.NewSGD: parameter 0 has dtype torch.int64", func() { NewSGD([]*tensor.Tensor{tensor.New([]int64{1})}, 0.1) })
	testkit.ExpectPanicContaining(t, "is not a leaf tensor", func() {
		q := p()
		NewSGD([]*tensor.Tensor{q[0].MulScalar(2)}, 0.1)
	})
}

func TestString(t *testing.T) {
	// Expected texts printed by PyTorch 1.13 for the same settings.
	adam := NewAdam(twoParams(), 0.001)
	want := "Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n    fused: False\n    lr: 0.001\n    maximize: False\n    weight_decay: 0\n)"
	if got := adam.String(); got != want {
		t.Errorf("Adam prints\n%s\nwant\n%s", got, want)
	}
	sgd := NewSGD(twoParams(), 0.3)
	want = "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    lr: 0.3\n    maximize: False\n    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)"
	if got := sgd.String(); got != want {
		t.Errorf("SGD prints\n%s\nwant\n%s", got, want)
	}
	for v, want := range map[float64]string{1: "1.0", 0.001: "0.001", 1e-8: "1e-08", 1e-5: "1e-05", 2.5e16: "2.5e+16", 123456.0: "123456.0", 0.0001: "0.0001"} {
		if got := pyFloat(v); got != want {
			t.Errorf("pyFloat(%v) = %q, Python prints %q", v, got, want)
		}
	}
}
