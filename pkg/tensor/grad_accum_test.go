package tensor

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// TestGradHeldByReaderAccumulates: g := x.Grad() is the tensor later Backward calls add
// into, as in PyTorch (torch 1.13: g = x.grad; y.backward(); g is x.grad -> True).
func TestGradHeldByReaderAccumulates(t *testing.T) {
	x := New([]float32{1, 2, 3}).RequiresGrad()
	x.Mul(x).Sum().Backward() // 2x
	g := x.Grad()
	eqStr(t, "first grad", g, "tensor([2., 4., 6.])")
	x.MulScalar(0.5).Sum().Backward() // + 0.5
	if x.Grad() != g {
		t.Fatal("second Backward replaced the gradient tensor instead of adding into it")
	}
	eqStr(t, "held grad after second Backward", g, "tensor([2.5000, 4.5000, 6.5000])")

	x.ZeroGrad()
	eqStr(t, "held grad after ZeroGrad", g, "tensor([0., 0., 0.])")
	x.Sum().Backward()
	eqStr(t, "held grad after ZeroGrad and Backward", g, "tensor([1., 1., 1.])")

	// A gradient given with SetGrad is accumulated into, as x.grad = t is in PyTorch.
	mine := Full(10, 3)
	x.SetGrad(mine)
	x.Sum().Backward()
	eqStr(t, "SetGrad tensor accumulated in place", mine, "tensor([11., 11., 11.])")

	// Float64 leaves too, and a float32 gradient reaching a float64 leaf is cast.
	d := New([]float64{1, 2}, Float64).RequiresGrad()
	d.Mul(d).Sum().Backward()
	gd := d.Grad()
	d.Float().Sum().Backward()
	eqStr(t, "float64 held grad", gd, "tensor([3., 5.], dtype=torch.float64)")

	// The first gradient is the leaf's own copy: changing the output's gradient tensor
	// afterwards does not reach it.
	z := New([]float32{1, 2}).RequiresGrad()
	seed := Ones(2)
	z.MulScalar(1).Backward(seed)
	seed.Float32s()[0] = 99
	eqStr(t, "grad independent of seed", z.Grad(), "tensor([1., 1.])")

	testkit.ExpectPanic(t, "tensor.SetGrad: gradient dtype torch.float64 differs from tensor dtype torch.float32 (shape [2]); convert it with .To(tensor.Float32)",
		func() { z.SetGrad(Zeros(2).Double()) })
}
