package tensor

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// MatMulT is x @ wᵀ + bias with PyTorch's grad_fn names, in float32 and float64, and
// its gradients agree with central differences.
func TestMatMulT(t *testing.T) {
	x := New([][]float64{{1, 2, 3}, {4, 5, 6}}, Float64)
	w := New([][]float64{{1, 0, -1}, {0.5, 0.5, 0.5}}, Float64)
	b := New([]float64{10, 20}, Float64)
	if got := MatMulT(x, w, b).String(); got != "tensor([[ 8.0000, 23.0000],\n        [ 8.0000, 27.5000]], dtype=torch.float64)" {
		t.Errorf("MatMulT = %s", got)
	}
	x.RequiresGrad()
	if MatMulT(x, w, b).GradFn() != "AddmmBackward0" || MatMulT(x, w, nil).GradFn() != "MmBackward0" {
		t.Errorf("grad_fn %s and %s, want AddmmBackward0 and MmBackward0", MatMulT(x, w, b).GradFn(), MatMulT(x, w, nil).GradFn())
	}
	if err := GradCheck(func() *Tensor { return MatMulT(x, w, b) }, []*Tensor{x, w, b}, 1e-6, 1e-6, 1e-5); err != nil {
		t.Error(err)
	}
	x32, w32 := x.Float().Detach(), w.Float().Detach()
	if err := GradCheck(func() *Tensor { return MatMulT(x32, w32, nil) }, []*Tensor{x32, w32}, 1e-2, 1e-3, 1e-3); err != nil {
		t.Error(err)
	}
	testkit.ExpectPanic(t, "tensor.MatMulT: shapes [2 3] and [3 2] cannot be multiplied as x @ wᵀ (want [N, in] and [out, in])", func() { MatMulT(x, w.T(), nil) })
	testkit.ExpectPanic(t, "tensor.MatMulT: bias shape [3] must be [2] for weight [2 3]", func() { MatMulT(x, w, Zeros(3).Double()) })
	testkit.ExpectPanic(t, "tensor.MatMulT: x [2 3], w [2 3] and bias must share one float dtype, got torch.int64 and torch.int64", func() { MatMulT(x.Long(), w.Long(), nil) })
}
