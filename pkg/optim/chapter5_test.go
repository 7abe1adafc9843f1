package optim

import (
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// TestChapter5 runs chapter 5's two training steps through autograd and SGD(lr=0.3)
// and checks the exact float32 values PyTorch 1.13 produced: w 1.95 -> 1.98 (grad
// -0.1), then grad -0.04 -> 1.992.
func TestChapter5(t *testing.T) {
	ref := loadReference(t)
	w := tensor.New([][]float32{{1.95}}).RequiresGrad()
	target := tensor.New([][]float32{{2.0}})
	x := tensor.New([]float32{1.0})
	opt := NewSGD([]*tensor.Tensor{w}, 0.3)
	for i, want := range ref.Chapter5 {
		opt.ZeroGrad()
		loss := w.Mul(x).Sub(target).Pow(2).Mean()
		loss.Backward()
		g := w.Grad().Float32s()[0]
		if math.Float32bits(g) != math.Float32bits(want.Grad) {
			t.Fatalf("step %d: grad %.9g, PyTorch %.9g", i+1, g, want.Grad)
		}
		opt.Step()
		if got := w.Float32s()[0]; math.Float32bits(got) != math.Float32bits(want.W) {
			t.Fatalf("step %d: w %.9g, PyTorch %.9g", i+1, got, want.W)
		}
	}
	if got := float64(w.Float32s()[0]); math.Abs(got-1.992) > 1e-6 {
		t.Fatalf("w after two steps %v, chapter 5 prints 1.9920", got)
	}
}
