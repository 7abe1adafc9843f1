package tensor

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

type matmulRefTensor struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

func (r matmulRefTensor) as(dtype string) *Tensor {
	t := FromSlice(append([]float64(nil), r.Data...), r.Shape...)
	if dtype == "float32" {
		return t.Float()
	}
	return t
}

// matmulRef is testdata/matmul.json, written by gen_matmul.py from torch 1.13.
// matmulRef is testdata/matmul.json, written by testdata/gen_matmul.py.
var matmulRef = testkit.MustReadJSON[struct {
	Cases []struct {
		DType                 string
		A, B, Out, Gy, Ga, Gb matmulRefTensor
		GradFn                string `json:"grad_fn"`
	}
	Errors []struct{ A, B []int }
}]("testdata/matmul.json")

func assertRef(t *testing.T, what string, got *Tensor, want matmulRefTensor, tol float64) {
	t.Helper()
	if !slices.Equal(got.shape, want.Shape) {
		t.Fatalf("%s: shape %v, want %v", what, got.shape, want.Shape)
	}
	g := got.ToFloat64s()
	for i, w := range want.Data {
		if math.Abs(g[i]-w) > tol*(1+math.Abs(w)) {
			t.Fatalf("%s[%d] = %v, want %v (torch)", what, i, g[i], w)
		}
	}
}

func TestMatMulBroadcastBatchMatchesTorch(t *testing.T) {
	for _, c := range matmulRef.Cases {
		t.Run(fmt.Sprintf("%v@%v/%s", c.A.Shape, c.B.Shape, c.DType), func(t *testing.T) {
			tol := 1e-12
			if c.DType == "float32" {
				tol = 1e-5
			}
			a, b := c.A.as(c.DType).RequiresGrad(), c.B.as(c.DType).RequiresGrad()
			y := a.MatMul(b)
			assertRef(t, "a@b", y, c.Out, tol)
			if y.GradFn() != c.GradFn {
				t.Errorf("grad_fn %s, want %s", y.GradFn(), c.GradFn)
			}
			y.Backward(c.Gy.as(c.DType))
			assertRef(t, "a.grad", a.Grad(), c.Ga, tol)
			assertRef(t, "b.grad", b.Grad(), c.Gb, tol)
		})
	}
}

func TestMatMulBroadcastBatchPanics(t *testing.T) {
	for _, c := range matmulRef.Errors {
		want := fmt.Sprintf("tensor.MatMul: batch dims of shapes %v and %v are not broadcastable", c.A, c.B)
		if c.A[len(c.A)-1] != c.B[len(c.B)-2] {
			want = fmt.Sprintf("tensor.MatMul: shapes %v and %v cannot be multiplied (%d != %d)", c.A, c.B, c.A[len(c.A)-1], c.B[len(c.B)-2])
		}
		func() {
			defer func() {
				if msg := fmt.Sprint(recover()); msg != want {
					t.Errorf("%v @ %v: panic %q, want %q", c.A, c.B, msg, want)
				}
			}()
			Zeros(c.A...).MatMul(Zeros(c.B...))
		}()
	}
}

// Numerical gradients of the N-d products in float64, including broadcast batch dims
// (whose gradients are sums), 1-D operands, and the folded path.
func TestGradCheckMatMulND(t *testing.T) {
	g := NewGenerator(11)
	mm := func(x []*Tensor) *Tensor { return x[0].MatMul(x[1]) }
	for _, p := range [][2][]int{
		{{2, 1, 3, 4}, {5, 4, 2}}, {{2, 3, 4}, {3, 1, 4, 5}}, {{2, 3, 3, 4}, {4, 2}}, {{2, 3, 3, 4}, {4}},
		{{4}, {2, 1, 4, 5}}, {{3, 4}, {2, 1, 4, 5}}, {{1, 2, 1, 3, 2}, {3, 2, 2}},
	} {
		gradCheck(t, "MatMul"+shapeStr(p[0])+shapeStr(p[1]), mm, rd(g, p[0]...), rd(g, p[1]...))
	}
}

// Integer N-d products use the integer loop: exact, checked against the batch of
// 2-D products they stand for.
func TestMatMulNDIntegersAndEmpty(t *testing.T) {
	a := ArangeInt(0, 24).Reshape(2, 1, 3, 4)
	b := ArangeInt(0, 16).Reshape(2, 4, 2)
	y := a.MatMul(b) // [2, 2, 3, 2]
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			want := a.Index(i).Index(0).MatMul(b.Index(j))
			got := y.Index(i).Index(j)
			if !slices.Equal(got.Int64s(), want.Int64s()) {
				t.Fatalf("batch (%d, %d): %v, want %v", i, j, got.Int64s(), want.Int64s())
			}
		}
	}
	if s := Zeros(0, 2, 3, 4).MatMul(Zeros(4, 5)).Shape(); !slices.Equal(s, Size{0, 2, 3, 5}) {
		t.Fatalf("empty batch: shape %v", s)
	}
	if s := Zeros(2, 1, 3, 0).MatMul(Zeros(0, 5)); !slices.Equal(s.Shape(), Size{2, 1, 3, 5}) || s.Sum().Item() != 0 {
		t.Fatalf("k = 0: %v", s)
	}
}
