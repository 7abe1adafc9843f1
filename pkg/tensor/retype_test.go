package tensor

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestSetDTypeConvertsInPlace(t *testing.T) {
	p := FromSlice([]float32{0.1, -2.5, 3}, 3).MarkParameter()
	p.Mul(p).Sum().Backward() // grad 2p, float32
	q := p.SetDType(Float64)
	if q != p || p.DType() != Float64 || !p.IsParameter() || !p.NeedsGrad() {
		t.Fatalf("SetDType: same tensor %v, dtype %v, parameter %v, requires grad %v", q == p, p.DType(), p.IsParameter(), p.NeedsGrad())
	}
	// float32 0.1 widened exactly, as PyTorch's .double() gives 0.10000000149011612.
	if got := p.Float64s(); got[0] != float64(float32(0.1)) || got[1] != -2.5 || got[2] != 3 {
		t.Fatalf("values %v", got)
	}
	if g := p.Grad(); g.DType() != Float64 || g.Float64s()[1] != -5 {
		t.Fatalf("gradient %v", g)
	}
	p.Mul(p).Sum().Backward() // accumulates into the float64 gradient
	if g := p.Grad().Float64s(); g[2] != 12 {
		t.Fatalf("accumulated gradient %v, want 12 at [2]", g)
	}
	if p.SetDType(Float32).DType() != Float32 || p.Float32s()[1] != -2.5 {
		t.Fatalf("back to float32: %v", p)
	}
}

func TestSetDTypePanics(t *testing.T) {
	x := Ones(2, 3).RequiresGrad()
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { Ones(2).SetDType(Int64) }, "tensor.SetDType: converts between float32 and float64 only, got torch.float32 to torch.int64 (shape [2])"},
		{func() { x.Mul(x).SetDType(Float64) }, "tensor.SetDType: t (shape [2 3]) has grad_fn MulBackward0; convert a leaf, such as a layer's Weight"},
		{func() { Ones(2, 3).Index(0).SetDType(Float64) }, "tensor.SetDType: t (shape [3]) is a view of another tensor; convert that tensor, or Clone t first"},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
}
