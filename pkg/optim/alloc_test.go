package optim

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// mnistParams are the shapes of chapter 7's fully connected net (784-64-10), with
// gradients set, as an optimiser sees them in the chapter's loop.
func mnistParams() []*tensor.Tensor {
	g := tensor.NewGenerator(1)
	var ps []*tensor.Tensor
	for _, shape := range [][]int{{64, 784}, {64}, {10, 64}, {10}} {
		p := tensor.Randn(g, shape...).RequiresGrad()
		p.SetGrad(tensor.Randn(g, shape...))
		ps = append(ps, p)
	}
	return ps
}

// TestStepDoesNotAllocate: after the first step (which creates the buffers), a step
// updates the parameters in place without allocating.
func TestStepDoesNotAllocate(t *testing.T) {
	for name, opt := range map[string]Optimizer{
		"SGD momentum nesterov": NewSGD(mnistParams(), 0.001, Momentum(0.9), Nesterov(), WeightDecay(1e-4)),
		"Adam amsgrad":          NewAdam(mnistParams(), 0.001, AMSGrad(), WeightDecay(1e-4)),
	} {
		opt.Step()
		if n := testing.AllocsPerRun(20, opt.Step); n != 0 {
			t.Errorf("%s: %v allocations per step", name, n)
		}
	}
}

func BenchmarkSGDMomentumStep(b *testing.B) {
	benchmarkStep(b, func(ps []*tensor.Tensor) Optimizer { return NewSGD(ps, 0.001, Momentum(0.9)) })
}

func BenchmarkAdamStep(b *testing.B) {
	benchmarkStep(b, func(ps []*tensor.Tensor) Optimizer { return NewAdam(ps, 0.001) })
}

// benchmarkStep times Step on the MNIST network's parameters, in millions of
// parameters updated per second.
func benchmarkStep(b *testing.B, newOpt func([]*tensor.Tensor) Optimizer) {
	ps := mnistParams()
	opt := newOpt(ps)
	n := 0
	for _, p := range ps {
		n += p.Numel()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt.Step()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mparams/s")
}
