package tensor

import (
	"reflect"
	"testing"
)

func TestComparisons(t *testing.T) {
	a := New([]float32{1, 2, 3})
	b := New([]int{2, 2, 2})
	col := New([][]float64{{1}, {3}}, Float64)
	check := func(name string, got *Tensor, want []bool, shape ...int) {
		t.Helper()
		if got.DType() != Bool || !sameShape(got.shape, shape) || !reflect.DeepEqual(got.Bools(), want) {
			t.Errorf("%s = %v %v, want %v %v", name, got.shape, got.Bools(), shape, want)
		}
	}
	check("Eq", a.Eq(b), []bool{false, true, false}, 3)
	check("Ne", a.Ne(b), []bool{true, false, true}, 3)
	check("Lt", a.Lt(b), []bool{true, false, false}, 3)
	check("Le", a.Le(b), []bool{true, true, false}, 3)
	check("Gt", a.Gt(b), []bool{false, false, true}, 3)
	check("Ge", a.Ge(b), []bool{false, true, true}, 3)
	check("Gt broadcast", col.Gt(a), []bool{false, false, false, true, true, false}, 2, 3)
	check("EqScalar", a.EqScalar(2), []bool{false, true, false}, 3)
	check("NeScalar", b.NeScalar(2), []bool{false, false, false}, 3)
	check("LtScalar", a.LtScalar(2), []bool{true, false, false}, 3)
	check("LeScalar", a.LeScalar(2), []bool{true, true, false}, 3)
	check("GtScalar", col.GtScalar(2), []bool{false, true}, 2, 1)
	check("GeScalar", New([]int32{1, 5}).GeScalar(5), []bool{false, true}, 2)
	// int64 labels compare exactly, even beyond float64's 53-bit mantissa.
	big := New([]int64{1 << 60, 1<<60 + 1})
	check("Eq int64 exact", big.Eq(New([]int64{1 << 60, 1 << 60})), []bool{true, false}, 2)
	if a.Eq(b).NeedsGrad() || a.RequiresGrad().Gt(b).NeedsGrad() {
		t.Error("comparisons must not be differentiable")
	}
}

func TestRawAccessAndConversions(t *testing.T) {
	if got := New([]int32{4, 5}).Int32s(); !reflect.DeepEqual(got, []int32{4, 5}) {
		t.Errorf("Int32s %v", got)
	}
	if got := New([]bool{true}).Bools(); !reflect.DeepEqual(got, []bool{true}) {
		t.Errorf("Bools %v", got)
	}
	x := New([]float32{1.5})
	x.Float32s()[0] = 2.5 // no copy: writes reach the tensor
	if x.Item() != 2.5 {
		t.Error("Float32s copied")
	}
	for _, c := range []struct {
		t    *Tensor
		want []float64
	}{
		{New([]float32{1.5, -2}), []float64{1.5, -2}},
		{New([]float64{0.1}, Float64), []float64{0.1}},
		{New([]int64{-3}), []float64{-3}},
		{New([]int32{7}), []float64{7}},
		{New([]bool{true, false}), []float64{1, 0}},
	} {
		if got := c.t.ToFloat64s(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ToFloat64s(%v) = %v, want %v", c.t.DType(), got, c.want)
		}
	}
	if got := Size([]int{2, 3, 4}).Numel(); got != 24 {
		t.Errorf("Size.Numel %d", got)
	}
	v := ArangeInt(0, 6).View(2, 3)
	if v.At(1, 0) != 3 || v.GradFn() != "" {
		t.Error("View")
	}
	g := NewGenerator(5)
	for i := 0; i < 100; i++ {
		if f := g.Float64(); f < 0 || f >= 1 {
			t.Fatalf("Float64 %v", f)
		}
		if n := g.Intn(3); n < 0 || n >= 3 {
			t.Fatalf("Intn %d", n)
		}
	}
	if NewGenerator(8).NormFloat64() != NewGenerator(8).NormFloat64() {
		t.Error("NormFloat64 not reproducible")
	}
	d := Zeros(500).Double().Normal_(-1, 2, NewGenerator(1))
	if m := d.Mean().Item(); d.DType() != Float64 || m < -1.3 || m > -0.7 {
		t.Errorf("float64 Normal_ mean %v", m)
	}
}
