package tensor

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// TestCopyFromCastsLikeCopy_: PyTorch's copy_ converts the source to the
// destination's dtype (float64 rounds to float32, floats truncate toward zero into
// integers); shapes must still agree.
func TestCopyFromCastsLikeCopy_(t *testing.T) {
	w := Zeros(2)
	w.CopyFrom(New([]float64{0.1, -2.5}, Float64))
	if got := w.Float32s(); got[0] != float32(0.1) || got[1] != -2.5 || w.DType() != Float32 {
		t.Errorf("float64 into float32: %v %v", got, w.DType())
	}
	i := ZerosOf(Int64, 2)
	i.CopyFrom(New([]float64{2.7, -2.7}, Float64))
	if got := i.Int64s(); got[0] != 2 || got[1] != -2 {
		t.Errorf("float64 into int64: %v (PyTorch truncates: [2, -2])", got)
	}
}

// TestSetData: t.SetData(src) is PyTorch's t.data = src, keeping t a parameter.
func TestSetData(t *testing.T) {
	p := Zeros(2, 2).MarkParameter()
	p.SetGrad(OnesLike(p))
	src := New([]float64{1, 2, 3}, Float64)
	if p.SetData(src) != p {
		t.Fatal("SetData returns t")
	}
	if p.String() != "Parameter containing:\ntensor([1., 2., 3.], requires_grad=True)" || p.Grad() != nil {
		t.Errorf("after SetData: %v, grad %v (a gradient of the old shape must go)", p, p.Grad())
	}
	q := Zeros(3).MarkParameter()
	q.SetGrad(OnesLike(q))
	q.SetData(New([]float32{4, 5, 6}))
	if q.Grad() == nil || q.Float32s()[2] != 6 {
		t.Errorf("SetData of the same shape keeps the gradient and sets the values: %v, %v", q.Grad(), q)
	}
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { p.SetData(nil) }, "tensor.SetData: source is nil (destination [3] torch.float32)"},
		{func() { p.Mul(p).SetData(src) }, "tensor.SetData: t (shape [3]) has grad_fn MulBackward0; set the data of a leaf, such as a layer's Weight"},
		{func() { p.CopyFrom(nil) }, "tensor.CopyFrom: source is nil (destination [3] torch.float32)"},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
}
