package tensor

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func arange34() *Tensor { return FromSlice([]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4) }

func wantValues(t *testing.T, what string, x *Tensor, want ...float64) {
	t.Helper()
	if x.Numel() != len(want) {
		t.Fatalf("%s: %d elements, want %d", what, x.Numel(), len(want))
	}
	for i, w := range want {
		if got := x.at(i); got != w {
			t.Fatalf("%s: element %d = %v, want %v (all: %v)", what, i, got, w, x.ToFloat64s())
		}
	}
}

// Views share storage with the tensor they come from, in both directions, as in PyTorch.
func TestViewsWriteThrough(t *testing.T) {
	x := arange34()
	x.Index(1).Fill_(-1)
	wantValues(t, "x.Index(1).Fill_(-1)", x, 0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11)

	x = arange34()
	rows := x.Slice(R(1, 3))
	rows.SetIndex(1, FromSlice([]float64{7}))
	wantValues(t, "x[1:3][1] = 7", x, 0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7)
	x.SetSlice(100.0, I(1), I(0))
	wantValues(t, "rows sees a write into x", rows, 100, 5, 6, 7, 7, 7, 7, 7)

	x = arange34()
	x.Reshape(12).SetSlice(FromSlice([]float64{50, 60}), R(2, 4))
	x.View(4, 3).Index(3).Zero_()
	x.Flatten(0).Slice(R(0, 1)).Fill_(9)
	x.Unsqueeze(0).Index(0).Index(2).Squeeze().SetIndex(0, 42.0)
	wantValues(t, "writes through Reshape, View, Flatten, Unsqueeze, Squeeze", x, 9, 1, 50, 60, 4, 5, 6, 7, 42, 0, 0, 0)

	x = arange34()
	v := x.Index(2).Slice(R(1, 3))
	if !v.IsView() || v.Base() != x || x.IsView() || x.Base() != nil {
		t.Fatalf("IsView/Base: view %v base==x %v; x.IsView %v", v.IsView(), v.Base() == x, x.IsView())
	}
	v.CopyFrom(FromSlice([]float64{-5, -6}, 2))
	wantValues(t, "CopyFrom into x[2][1:3]", x, 0, 1, 2, 3, 4, 5, 6, 7, 8, -5, -6, 11)
	NoGrad(func() { x.Index(0).Uniform_(20, 21, NewGenerator(1)) })
	for i := range 4 {
		if a := x.At(0, i); a < 20 || a >= 21 {
			t.Fatalf("Uniform_ on x[0] left x[0][%d] = %v", i, a)
		}
	}
	// An append on a view's storage must never write into the next row of its base.
	row := x.Index(1).Float64s()
	_ = append(row, 1234)
	if x.At(2, 0) != 8 {
		t.Fatalf("append to a view's storage overwrote x[2][0]: %v", x.At(2, 0))
	}
}

// Copies that PyTorch gives as views refuse in-place writes, naming the op that copied and
// the index assignment to use; the tensor they came from is unchanged.
func TestCopiesRefuseInPlaceWrites(t *testing.T) {
	copies := map[string]func(x *Tensor) *Tensor{
		"T":         func(x *Tensor) *Tensor { return x.T() },
		"Transpose": func(x *Tensor) *Tensor { return x.Transpose(0, 1) },
		"Permute":   func(x *Tensor) *Tensor { return x.Permute(1, 0) },
		"Slice":     func(x *Tensor) *Tensor { return x.Slice(R(1, 3), R(1, 3)) },
		"Select":    func(x *Tensor) *Tensor { return x.Select(1, 2) },
	}
	writes := map[string]func(c *Tensor){
		"Fill_":    func(c *Tensor) { c.Fill_(1) },
		"Zero_":    func(c *Tensor) { c.Zero_() },
		"CopyFrom": func(c *Tensor) { c.CopyFrom(OnesLike(c)) },
		"Uniform_": func(c *Tensor) { c.Uniform_(0, 1, nil) },
		"Normal_":  func(c *Tensor) { c.Normal_(0, 1, nil) },
		"SetIndex": func(c *Tensor) { c.SetIndex(0, 1.0) },
		"SetSlice": func(c *Tensor) { c.SetSlice(1.0, Colon()) },
	}
	for op, mk := range copies {
		for wop, w := range writes {
			for _, viaView := range []bool{false, true} {
				x := arange34()
				c := mk(x)
				if viaView { // a view of a copy is a copy too
					c = c.Reshape(-1)
				}
				msg := testkit.MustPanic(t, func() { w(c) })
				for _, part := range []string{"tensor." + wop + ":", "is a copy made by " + op, "SetSlice", "Clone()"} {
					if !strings.Contains(msg, part) {
						t.Errorf("%s then %s (via view %v): panic %q lacks %q", op, wop, viaView, msg, part)
					}
				}
				wantValues(t, op+" then "+wop, x, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
			}
		}
	}
	// A copy made independent with Clone can be written.
	c := arange34().T().Clone()
	c.Fill_(3)
	wantValues(t, "Clone of T", c.Slice(I(0)), 3, 3, 3)
}

func TestSetSliceMessages(t *testing.T) {
	cases := []struct {
		f    func()
		want string
	}{
		{func() { Zeros(4).SetSlice(Ones(3), R(0, 2)) }, "tensor.SetSlice: a value of shape [3] cannot be broadcast to the indexed region of shape [2] (indices [0:2] of a tensor of shape [4])"},
		{func() { Zeros(2, 3).SetIndex(0, Ones(2, 3)) }, "tensor.SetIndex: a value of shape [2 3] cannot be broadcast to the indexed region of shape [3] (indices [0] of a tensor of shape [2 3])"},
		{func() { Zeros(2, 3).SetIndex(2, 1.0) }, "tensor.SetIndex: index 2 is out of bounds for dimension 0 with size 2 (shape [2 3])"},
		{func() { Zeros(2, 3).SetSlice(1.0, Colon(), I(-4)) }, "tensor.SetSlice: index -4 is out of bounds for dimension 1 with size 3 (shape [2 3])"},
		{func() { Zeros(2).SetIndex(0, []float64{1}) }, "tensor.SetIndex: the value is a []float64; pass a *Tensor or a Go number (wrap a slice with tensor.New)"},
		{func() { Zeros(2).SetIndex(0, (*Tensor)(nil)) }, "tensor.SetIndex: the value is a nil *Tensor"},
		{func() { scalar0().SetIndex(0, 1.0) }, "tensor.SetIndex: invalid index 0 of a 0-d tensor (shape []); use Fill_ or SetSlice(v)"},
		{func() { Zeros(2, 3).Select(2, 0) }, "tensor.Select: dim 2"},
		{func() { Zeros(2, 3).RequiresGrad().Index(0).Fill_(0) }, "tensor.Fill_: a view of a leaf Variable that requires grad is being used in an in-place operation. The view has shape [3], the leaf [2 3]"},
	}
	for _, c := range cases {
		if msg := testkit.MustPanic(t, c.f); !strings.HasPrefix(msg, c.want) {
			t.Errorf("panic %q\nwant prefix %q", msg, c.want)
		}
	}
}

func scalar0() *Tensor { return Zeros() }

// Under NoGrad a parameter can be written through index assignment, as optimisers do.
func TestSetIndexUnderNoGradOnLeaf(t *testing.T) {
	w := Zeros(2, 2).RequiresGrad()
	NoGrad(func() { w.SetIndex(1, FromSlice([]float32{3, 4})) })
	wantValues(t, "w", w, 0, 0, 3, 4)
	if !w.IsLeaf() || w.GradFn() != "" {
		t.Fatalf("w became a non-leaf (%q)", w.GradFn())
	}
}

// Values keep their precision: a Go float64 into a Float64 tensor is not rounded through
// float32, an int64 into an Int64 tensor is exact, and floats into ints truncate like copy_.
func TestSetIndexCasts(t *testing.T) {
	d := ZerosOf(Float64, 2)
	d.SetIndex(0, 0.1)
	if d.At(0) != 0.1 {
		t.Fatalf("float64 value stored as %v", d.At(0))
	}
	i := ZerosOf(Int64, 2)
	i.SetIndex(1, int64(1)<<60)
	if got := i.Int64s()[1]; got != 1<<60 {
		t.Fatalf("int64 value stored as %v", got)
	}
	i.SetIndex(0, -2.7)
	if got := i.Int64s()[0]; got != -2 {
		t.Fatalf("-2.7 into int64 gave %v, want -2", got)
	}
	b := ZerosOf(Bool, 2)
	b.SetIndex(1, true)
	wantValues(t, "bool", b, 0, 1)
}

func TestSetSliceGradCheck(t *testing.T) {
	g := NewGenerator(3)
	gradCheck(t, "SetSlice broadcast cols", func(x []*Tensor) *Tensor {
		h := x[0].MulScalar(2)
		h.SetSlice(x[1].Exp(), Colon(), R(1, 3))
		return h.Mul(h)
	}, rd(g, 3, 4), rd(g, 2))
	gradCheck(t, "SetIndex through a view", func(x []*Tensor) *Tensor {
		r := x[0].MulScalar(1)
		r.Index(1).SetSlice(x[1], R(0, 2))
		return r.Sigmoid()
	}, rd(g, 3, 4), rd(g, 2))
	gradCheck(t, "chapter 6 loop", func(x []*Tensor) *Tensor {
		result := ZerosOf(Float64, 2, 5)
		for idx, item := range x[2].Rows() {
			result.SetIndex(idx, x[0].MatMul(item).Add(x[1]))
		}
		return result.Tanh()
	}, rd(g, 5, 4), rd(g, 5), rd(g, 2, 4))
	gradCheck(t, "Select dim 1", func(x []*Tensor) *Tensor {
		return x[0].Select(1, -1).Mul(x[0].Slice(Colon(), I(0)))
	}, rd(g, 3, 4))
}

func TestRows(t *testing.T) {
	x := arange34()
	n := 0
	for i, row := range x.Rows() {
		if i != n || !row.IsView() {
			t.Fatalf("row %d: index %d, view %v", n, i, row.IsView())
		}
		wantValues(t, "row", row, float64(4*i), float64(4*i+1), float64(4*i+2), float64(4*i+3))
		n++
	}
	if n != 3 {
		t.Fatalf("%d rows, want 3", n)
	}
	for i := range x.Rows() {
		if i == 1 {
			break // the iterator must stop when the loop breaks
		}
	}
	if msg := testkit.MustPanic(t, func() { Zeros().Rows() }); !strings.HasPrefix(msg, "tensor.Rows: iteration over a 0-d tensor") {
		t.Fatalf("panic %q", msg)
	}
}

// Assigning a tensor's own rows to an overlapping region reads the old values first.
func TestSetSliceOverlap(t *testing.T) {
	x := arange34()
	x.SetSlice(x.Slice(R(0, 2)), R(1, 3))
	wantValues(t, "x[1:3] = x[0:2]", x, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7)
	y := arange34()
	y.Index(0).SetSlice(y.Index(0).Slice(R(0, 3)), R(1, 4))
	wantValues(t, "y[0][1:4] = y[0][0:3]", y, 0, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11)
}
