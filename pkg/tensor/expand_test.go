package tensor

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// Values and gradients from torch 1.13:
//
//	x = torch.tensor([[1.],[2.]], requires_grad=True)
//	(x.expand(3, 2, 4) * torch.arange(24.).reshape(3, 2, 4)).sum().backward()
//	x.grad  # tensor([[114.], [162.]])
//	torch.tensor([1.95], requires_grad=True).expand(1, 1)
//	# tensor([[1.9500]], grad_fn=<ExpandBackward0>)
func TestExpandMatchesPyTorch(t *testing.T) {
	x := New([][]float64{{1}, {2}}).RequiresGrad()
	y := x.Expand(3, 2, 4)
	if got := y.Shape().String(); got != "torch.Size([3, 2, 4])" || y.GradFn() != "ExpandBackward0" {
		t.Fatalf("shape %s grad_fn %s", got, y.GradFn())
	}
	y.Mul(Arange(0, 24, 1).Reshape(3, 2, 4)).Sum().Backward()
	if got := x.Grad().String(); got != "tensor([[114.],\n        [162.]])" {
		t.Errorf("grad %s", got)
	}
	z := New([]float64{1.95}).RequiresGrad().Expand(1, 1)
	if got := z.String(); got != "tensor([[1.9500]], grad_fn=<ExpandBackward0>)" {
		t.Errorf("got %s", got)
	}
	if same := New([]float64{1, 2}); same.Expand(-1) != same {
		t.Error("Expand to the same shape should return the tensor itself, as PyTorch's view does")
	}
}

func TestGradCheckExpand(t *testing.T) {
	g := NewGenerator(7)
	gradCheck(t, "Expand", func(x []*Tensor) *Tensor {
		return x[0].Expand(2, 3, -1).Mul(x[1]).Sum()
	}, rd(g, 3, 1), rd(g, 2, 3, 4))
}

func TestExpandPanics(t *testing.T) {
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { Zeros(2, 3).Expand(3) }, "must be greater or equal to the number of dimensions"},
		{func() { Zeros(2, 3).Expand(4, 3) }, "must match the existing size (2) at non-singleton dimension 0"},
		{func() { Zeros(3).Expand(-1, 3) }, "-1 is not allowed in a leading, non-existing dimension"},
		{func() { Zeros(1).Expand(4).Fill_(1) }, "Expand"},
	} {
		if msg := testkit.MustPanic(t, c.f); !strings.Contains(msg, c.want) {
			t.Errorf("panic %q, want it to contain %q", msg, c.want)
		}
	}
}
