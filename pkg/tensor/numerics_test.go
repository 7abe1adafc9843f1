package tensor

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

type numericsRef struct {
	Sums []struct {
		Input string    `json:"input"`
		Shape []int     `json:"shape"`
		Dim   int       `json:"dim"`
		Out   []float64 `json:"out"`
	} `json:"sums"`
	BiasGrad []float64 `json:"bias_grad"`
	Ints     struct {
		ArgMax     int64    `json:"argmax"`
		MaxValues  []int64  `json:"max_values"`
		MaxIndices []int64  `json:"max_indices"`
		MaxAll     int64    `json:"maxall"`
		EqBcast    [][]bool `json:"eq_bcast"`
		LtBcast    [][]bool `json:"lt_bcast"`
		Str        string   `json:"str"`
		Sum        int64    `json:"sum"`
	} `json:"ints"`
	Pows struct {
		NegPowError   string  `json:"negpow_error"`
		IntPow2       []int64 `json:"int_pow2"`
		IntPowHalf    string  `json:"int_pow_half"`
		IntPowNegHalf string  `json:"int_pow_neg_half"`
		BigPow        []int64 `json:"big_pow"`
		FloatPowNeg   string  `json:"float_pow_neg"`
	} `json:"pows"`
}

func loadNumerics(t *testing.T) numericsRef {
	t.Helper()
	return testkit.LoadJSON[numericsRef](t, "testdata/numerics.json", "/usr/bin/python3 testdata/gen_numerics.py")
}

// pattern is gen_numerics.py's input: float32((i*7919 % 1000)/997 - 0.5).
func pattern(shape ...int) *Tensor {
	x := Zeros(shape...)
	for i := range x.f32 {
		x.f32[i] = float32(float64((i*7919)%1000)/997.0 - 0.5)
	}
	return x
}

// TestSumDimMatchesTorch: float32 sums over a dim are PyTorch's bit for bit (its cascade
// order, cascade.go), over the last dim and over others.
func TestSumDimMatchesTorch(t *testing.T) {
	r := loadNumerics(t)
	for _, c := range r.Sums {
		var x *Tensor
		if c.Input == "ones_tenth" {
			x = Ones(c.Shape...).MulScalar(0.1)
		} else {
			x = pattern(c.Shape...)
		}
		got := x.SumDim(c.Dim, false).ToFloat64s()
		name := fmt.Sprintf("%s%v.sum(%d)", c.Input, c.Shape, c.Dim)
		if len(got) != len(c.Out) {
			t.Fatalf("%s: %d values, torch has %d", name, len(got), len(c.Out))
		}
		for i := range got {
			if got[i] != c.Out[i] {
				t.Errorf("%s[%d] = %v, torch %v", name, i, got[i], c.Out[i])
				break
			}
		}
	}
	// The chapter's symptom: 0.1 summed a million times is 99999.945 in PyTorch.
	if got := Ones(1000000, 2).MulScalar(0.1).SumDim(0, false).String(); got != "tensor([99999.9453, 99999.9453])" {
		t.Errorf("Ones(1000000, 2)*0.1 summed over dim 0 prints %s", got)
	}
	// A bias gradient reduces a broadcast gradient through the same sum.
	xb := Ones(1000000, 2).MulScalar(0.1)
	b := Zeros(2).RequiresGrad()
	xb.Add(b).Backward(Ones(1000000, 2).MulScalar(0.1))
	if got := b.Grad().ToFloat64s(); !reflect.DeepEqual(got, r.BiasGrad) {
		t.Errorf("bias gradient %v, torch %v", got, r.BiasGrad)
	}
}

// TestInt64AboveTwoTo53 checks that int64 values never pass through float64 in printing,
// Max/ArgMax and broadcast comparisons (torch 1.13 values).
func TestInt64AboveTwoTo53(t *testing.T) {
	r := loadNumerics(t).Ints
	const big = int64(1) << 53
	if got := New([]int64{big, big + 1}).ArgMax(0).Int64s()[0]; got != r.ArgMax {
		t.Errorf("ArgMax = %d, torch %d", got, r.ArgMax)
	}
	v, idx := New([][]int64{{big, big + 1}, {big + 3, big + 2}}).Max(1)
	if !reflect.DeepEqual(v.Int64s(), r.MaxValues) || !reflect.DeepEqual(idx.Int64s(), r.MaxIndices) {
		t.Errorf("Max = %v %v, torch %v %v", v.Int64s(), idx.Int64s(), r.MaxValues, r.MaxIndices)
	}
	if got := New([]int64{big + 1, big}).MaxAll().Int64s()[0]; got != r.MaxAll {
		t.Errorf("MaxAll = %d, torch %d", got, r.MaxAll)
	}
	col := New([][]int64{{big}, {big + 1}})
	eq := col.Eq(New([]int64{big + 1, big}))
	want := append(append([]bool{}, r.EqBcast[0]...), r.EqBcast[1]...)
	if !reflect.DeepEqual(eq.Bools(), want) {
		t.Errorf("broadcast Eq = %v, torch %v", eq.Bools(), r.EqBcast)
	}
	lt := col.Lt(New([]int64{big + 1}))
	if !reflect.DeepEqual(lt.Bools(), []bool{r.LtBcast[0][0], r.LtBcast[1][0]}) {
		t.Errorf("broadcast Lt = %v, torch %v", lt.Bools(), r.LtBcast)
	}
	if s := New([]int64{big + 1}).String(); s != r.Str {
		t.Errorf("prints %s, torch %s", s, r.Str)
	}
	if got := New([]int64{big, 1, 2}).Sum().Int64s()[0]; got != r.Sum {
		t.Errorf("Sum = %d, torch %d", got, r.Sum)
	}
}

// TestIntegerPow: integer tensors to a negative integer power raise PyTorch's error;
// other exponents follow PyTorch's dtypes and integer powers stay exact.
func TestIntegerPow(t *testing.T) {
	r := loadNumerics(t).Pows
	want := "tensor.Pow: " + r.NegPowError + " (torch.int64 tensor of shape [2] to the power -1); convert first: x.Float().Pow(-1)"
	testkit.ExpectPanic(t, want, func() { New([]int{2, 3}).Pow(-1) })
	testkit.ExpectPanic(t, "tensor.Pow: "+r.NegPowError+" (torch.int32 tensor of shape [] to the power -2); convert first: x.Float().Pow(-2)",
		func() { New(int32(2)).Pow(-2) })
	if got := New([]int{3, -4}).Pow(2).Int64s(); !reflect.DeepEqual(got, r.IntPow2) {
		t.Errorf("int ** 2 = %v, torch %v", got, r.IntPow2)
	}
	if got := New([]int{3}).Pow(39).Int64s(); !reflect.DeepEqual(got, r.BigPow) {
		t.Errorf("3 ** 39 = %v, torch %v", got, r.BigPow)
	}
	eqStr(t, "int ** 0.5", New([]int{4, 9}).Pow(0.5), r.IntPowHalf)
	eqStr(t, "int ** -0.5", New([]int{4, 16}).Pow(-0.5), r.IntPowNegHalf)
	eqStr(t, "float ** -1", New([]float64{2, 4}).Pow(-1), r.FloatPowNeg)
}
