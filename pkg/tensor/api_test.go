package tensor

import (
	"reflect"
	"testing"
)

func eqStr(t *testing.T, what string, got fmtStringer, want string) {
	t.Helper()
	if s := got.String(); s != want {
		t.Errorf("%s:\n got: %s\nwant: %s", what, s, want)
	}
}

type fmtStringer interface{ String() string }

func TestCreationAndDTypes(t *testing.T) {
	eqStr(t, "New 2-D float32", New([][]float32{{1.5, 2}, {3, 4}}), "tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])")
	eqStr(t, "New Go floats are float32", New([][]float64{{1.95}}), "tensor([[1.9500]])")
	eqStr(t, "New float64 slice", New([]float64{1, 2}), "tensor([1., 2.])")
	eqStr(t, "New explicit float64", New([]float64{1, 2}, Float64), "tensor([1., 2.], dtype=torch.float64)")
	eqStr(t, "New float32 as int64", New([]float32{1.7, -2.5}, Int64), "tensor([ 1, -2])")
	eqStr(t, "New ints as float32", New([]int{1, 2}, Float32), "tensor([1., 2.])")
	eqStr(t, "New bools as int32", New([]bool{true, false}, Int32), "tensor([1, 0], dtype=torch.int32)")
	eqStr(t, "FromSlice keeps float64", FromSlice([]float64{0.5}), "tensor([0.5000], dtype=torch.float64)")
	eqStr(t, "New int", New([][]int{{1, 2}}), "tensor([[1, 2]])")
	eqStr(t, "New int32", New([]int32{1, 2}), "tensor([1, 2], dtype=torch.int32)")
	eqStr(t, "New bool", New([]bool{true, false}), "tensor([ True, False])")
	eqStr(t, "New scalar", New(2.5), "tensor(2.5000)")
	eqStr(t, "New scalar float64", New(2.5, Float64), "tensor(2.5000, dtype=torch.float64)")
	if got := New([]float64{0.1}, Float64).Float64s()[0]; got != 0.1 {
		t.Errorf("New(..., Float64) stored %v, want 0.1 exactly", got)
	}
	eqStr(t, "New 3-D", New([][][]int64{{{1}, {2}}, {{3}, {4}}}).Shape(), "torch.Size([2, 2, 1])")
	eqStr(t, "FromSlice -1", FromSlice([]int{1, 2, 3, 4, 5, 6}, -1, 2), "tensor([[1, 2],\n        [3, 4],\n        [5, 6]])")
	eqStr(t, "FromRows", FromRows([][]float64{{5.1, 3.5}, {4.9, 3}}), "tensor([[5.1000, 3.5000],\n        [4.9000, 3.0000]], dtype=torch.float64)")
	eqStr(t, "Zeros", Zeros(2), "tensor([0., 0.])")
	eqStr(t, "Ones", Ones(1, 2), "tensor([[1., 1.]])")
	eqStr(t, "Empty", Empty(0, 3), "tensor([], size=(0, 3))")
	eqStr(t, "Full", Full(0.5, 2), "tensor([0.5000, 0.5000])")
	eqStr(t, "FullOf", FullOf(Int64, 1, 2, 1), "tensor([[1],\n        [1]])")
	eqStr(t, "Arange", Arange(0, 1, 0.25), "tensor([0.0000, 0.2500, 0.5000, 0.7500])")
	eqStr(t, "ArangeInt", ArangeInt(1, 6), "tensor([1, 2, 3, 4, 5])")
	eqStr(t, "ZerosLike", ZerosLike(New([]int32{5, 6})), "tensor([0, 0], dtype=torch.int32)")
	eqStr(t, "OnesLike", OnesLike(New([]float64{5}, Float64)), "tensor([1.], dtype=torch.float64)")

	x := FromSlice([]float64{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2)
	if x.Len() != 4 || x.Dim() != 2 || x.Numel() != 8 || x.DType() != Float64 {
		t.Errorf("Len/Dim/Numel/DType = %d %d %d %v", x.Len(), x.Dim(), x.Numel(), x.DType())
	}
	eqStr(t, "Shape", x.Shape(), "torch.Size([4, 2])")
	eqStr(t, "Size", x.Size(), "torch.Size([4, 2])")
	x.Shape()[0] = 99 // Shape is a copy
	if x.Len() != 4 {
		t.Error("Shape returned the tensor's own slice")
	}
	if x.At(3, 1) != 8 || x.At(-1, -2) != 7 || x.Index(2).Index(0).Item() != 5 {
		t.Errorf("At/Index/Item wrong")
	}
	eqStr(t, "X[1:3, 1:3]", x.Slice(R(1, 3), R(1, 3)), "tensor([[4.],\n        [6.]], dtype=torch.float64)")
	eqStr(t, "X[1:3][0]", x.Slice(R(1, 3)).Index(0), "tensor([3., 4.], dtype=torch.float64)")
	eqStr(t, "X[2:]", x.Slice(RFrom(2)), "tensor([[5., 6.],\n        [7., 8.]], dtype=torch.float64)")
	if !reflect.DeepEqual(New([]int32{1, 2}).ToFloat64s(), []float64{1, 2}) {
		t.Error("ToFloat64s")
	}
	for _, dt := range []DType{Float32, Float64, Int64, Int32, Bool} {
		if got := ArangeInt(0, 3).To(dt).DType(); got != dt {
			t.Errorf("To(%v) gave %v", dt, got)
		}
	}
	if Float32.String() != "torch.float32" || Int32.String() != "torch.int32" || Bool.String() != "torch.bool" {
		t.Error("DType names")
	}
}

func TestCastsAndLessonLines(t *testing.T) {
	outputs := New([][]float32{{0.2}, {0.7}, {0.49}, {0.51}})
	predict := outputs.AddScalar(0.5).Int()
	eqStr(t, "predict", predict, "tensor([[0],\n        [1],\n        [0],\n        [1]], dtype=torch.int32)")
	y := New([][]int32{{0}, {1}, {1}, {1}})
	eqStr(t, "Eq.Sum", predict.Eq(y).Sum(), "tensor(3)")
	eqStr(t, "Long", New([]float32{-1.7, 2.9}).Long(), "tensor([-1,  2])")
	eqStr(t, "Bool", New([]float32{0, 0.1}).Bool(), "tensor([False,  True])")
	eqStr(t, "Double", New([]int{3}).Double(), "tensor([3.], dtype=torch.float64)")
	eqStr(t, "Float", New([]bool{true}).Float(), "tensor([1.])")
	v, i := New([][]float32{{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}}).Max(1)
	eqStr(t, "max values", v, "tensor([0.7000, 0.5000])")
	eqStr(t, "max indices", i, "tensor([1, 0])")
	eqStr(t, "GtScalar", New([]int{1, 5}).GtScalar(2), "tensor([False,  True])")
	eqStr(t, "int sum", New([]int32{1, 2}).Sum(), "tensor(3)")
	eqStr(t, "int pow", New([]int{2, 3}).Pow(2), "tensor([4, 9])")
	eqStr(t, "int relu", New([]int{-2, 3}).ReLU(), "tensor([0, 3])")
	eqStr(t, "int exp", New([]int{0}).Exp(), "tensor([1.])")
	eqStr(t, "int div scalar", New([]int{3}).DivScalar(2), "tensor([1.5000])")
}

func TestAutogradSemantics(t *testing.T) {
	w := New([]float32{2}).RequiresGrad()
	if !w.IsLeaf() || !w.NeedsGrad() || w.GradFn() != "" || w.Grad() != nil {
		t.Fatal("fresh leaf state")
	}
	y := w.Mul(w)
	if y.IsLeaf() || y.GradFn() != "MulBackward0" || !y.NeedsGrad() {
		t.Fatal("non-leaf state")
	}
	y.Sum().Backward()
	if w.Grad().Item() != 4 {
		t.Fatalf("grad %v, want 4", w.Grad())
	}
	w.MulScalar(3).Sum().Backward() // accumulates
	if w.Grad().Item() != 7 {
		t.Fatalf("accumulated grad %v, want 7", w.Grad())
	}
	if y.Grad() != nil {
		t.Error("non-leaf kept a gradient")
	}
	held := w.Grad()
	w.ZeroGrad()
	if w.Grad() != held || held.Item() != 0 {
		t.Errorf("ZeroGrad: grad %v (same tensor: %v), want the same tensor filled with 0", w.Grad(), w.Grad() == held)
	}
	// The same graph can be walked again (the engine keeps no per-run state in it).
	y.Sum().Backward()
	if w.Grad().Item() != 4 || held.Item() != 4 {
		t.Errorf("second backward %v, held gradient %v", w.Grad(), held)
	}
	w.SetGrad(nil)
	if w.Grad() != nil {
		t.Error("SetGrad(nil) did not drop the gradient")
	}
	w.ZeroGrad() // no gradient: stays nil, as PyTorch's zero_grad leaves a None grad
	if w.Grad() != nil {
		t.Error("ZeroGrad made a gradient where there was none")
	}

	NoGrad(func() {
		if IsGradEnabled() {
			t.Error("NoGrad left grad mode on")
		}
		z := w.MulScalar(2)
		if z.NeedsGrad() || !z.IsLeaf() {
			t.Error("op recorded under NoGrad")
		}
	})
	if !IsGradEnabled() {
		t.Error("NoGrad did not restore grad mode")
	}
	func() {
		defer SetGradEnabled(SetGradEnabled(false))
		if w.Exp().NeedsGrad() {
			t.Error("recorded with grad disabled")
		}
	}()
	if !IsGradEnabled() {
		t.Error("SetGradEnabled scope not restored")
	}

	d := w.MulScalar(2).Detach()
	if !d.IsLeaf() || d.NeedsGrad() || d.Item() != 4 {
		t.Error("Detach")
	}
	c := New([]float32{1}) // constant: no grad_fn for ops on it alone
	if c.AddScalar(1).GradFn() != "" {
		t.Error("op on constants recorded")
	}
	eqStr(t, "requires_grad print", w, "tensor([2.], requires_grad=True)")
	eqStr(t, "grad_fn print", w.AddScalar(1), "tensor([3.], grad_fn=<AddBackward0>)")

	p := New([][]float32{{0.5}}).MarkParameter()
	if !p.IsParameter() || !p.NeedsGrad() {
		t.Error("MarkParameter")
	}
	eqStr(t, "parameter", p, "Parameter containing:\ntensor([[0.5000]], requires_grad=True)")
	p.SetGrad(Ones(1, 1))
	eqStr(t, "SetGrad", p.Grad(), "tensor([[1.]])")
	p.CopyFrom(New([][]float32{{0.25}}))
	if p.Item() != 0.25 {
		t.Error("CopyFrom")
	}

	// Explicit gradient for a non-scalar output.
	x := New([]float32{1, 2, 3}).RequiresGrad()
	x.Pow(2).Backward(New([]float32{1, 0.5, 0}))
	eqStr(t, "explicit gradient", x.Grad(), "tensor([2., 2., 0.])")
}

func TestRecordCustomOp(t *testing.T) {
	a := New([]float32{1, 2}).RequiresGrad()
	b := New([]float32{3, 4}) // needs no gradient
	calls := 0
	out := Record("AddmmBackward0", a.Mul(b).Detach(), []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		calls++
		if IsGradEnabled() {
			t.Error("backward ran with grad mode on")
		}
		return []*Tensor{g.Mul(b), nil}
	})
	eqStr(t, "custom grad_fn", out, "tensor([3., 8.], grad_fn=<AddmmBackward0>)")
	// Used twice: the engine sums both paths into a.
	out.Add(out).Sum().Backward()
	if calls != 1 {
		t.Errorf("backward called %d times, want 1 (gradients summed before)", calls)
	}
	eqStr(t, "custom grad", a.Grad(), "tensor([6., 8.])")
	if b.Grad() != nil {
		t.Error("b got a gradient")
	}
	NoGrad(func() {
		o := Record("XBackward0", Zeros(1), []*Tensor{a}, nil)
		if o.GradFn() != "" {
			t.Error("Record attached under NoGrad")
		}
	})
}

func TestRandomReproducible(t *testing.T) {
	a := Rand(NewGenerator(42), 3, 4)
	b := Rand(NewGenerator(42), 3, 4)
	if !reflect.DeepEqual(a.Float32s(), b.Float32s()) {
		t.Error("same seed, different values")
	}
	for _, v := range a.Float32s() {
		if v < 0 || v >= 1 {
			t.Errorf("Rand value %v outside [0, 1)", v)
		}
	}
	ManualSeed(3)
	c := Zeros(1000).Normal_(2, 0.5, nil)
	ManualSeed(3)
	d := Zeros(1000).Normal_(2, 0.5, nil)
	if !reflect.DeepEqual(c.Float32s(), d.Float32s()) {
		t.Error("ManualSeed not reproducible")
	}
	if m := c.Mean().Item(); m < 1.9 || m > 2.1 {
		t.Errorf("normal mean %v", m)
	}
	u := Zeros(1000).Double().Uniform_(-1, 1, NewGenerator(1))
	if u.MaxAll().Item() >= 1 || u.Neg().MaxAll().Item() > 1 || u.DType() != Float64 {
		t.Error("Uniform_ range or dtype")
	}
	p := NewGenerator(9).Perm(10)
	seen := map[int]bool{}
	for _, v := range p {
		seen[v] = true
	}
	if len(seen) != 10 {
		t.Errorf("Perm %v", p)
	}
}
