package functional_test

import (
	"fmt"
	"math"
	"testing"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// The committed notebooks' outputs are compared exactly, MNIST training included, so
// F.Linear must round as it did when it called blas32 itself. linearBefore is that
// path, kept here verbatim (forward, the three gradients and the float64 column sum
// of the bias gradient); float64 went through MatMul and Add, as it still does.
func linearBefore(x, w, b *tensor.Tensor) *tensor.Tensor {
	if x.DType() != tensor.Float32 || x.Dim() != 2 {
		y := x.MatMul(w.T())
		if b != nil {
			y = y.Add(b)
		}
		return y
	}
	n, in := x.Shape()[0], x.Shape()[1]
	out := w.Shape()[0]
	y := tensor.Empty(n, out)
	yd, xd, wd := y.Float32s(), x.Float32s(), w.Float32s()
	beta := float32(0)
	if b != nil {
		bd := b.Float32s()
		for i := 0; i < n; i++ {
			copy(yd[i*out:(i+1)*out], bd)
		}
		beta = 1
	}
	impl := blas32.Implementation()
	impl.Sgemm(blas.NoTrans, blas.Trans, n, out, in, 1, xd, in, wd, in, beta, yd, out)
	name := "MmBackward0"
	inputs := []*tensor.Tensor{x, w}
	if b != nil {
		name = "AddmmBackward0"
		inputs = append(inputs, b)
	}
	return tensor.Record(name, y, inputs, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := gy.Float32s()
		grads := make([]*tensor.Tensor, len(inputs))
		dx := tensor.Empty(n, in)
		impl.Sgemm(blas.NoTrans, blas.NoTrans, n, in, out, 1, g, out, w.Float32s(), in, 0, dx.Float32s(), in)
		grads[0] = dx
		dw := tensor.Empty(out, in)
		impl.Sgemm(blas.Trans, blas.NoTrans, out, in, n, 1, g, out, x.Float32s(), in, 0, dw.Float32s(), in)
		grads[1] = dw
		if b != nil {
			db := tensor.Empty(out)
			acc := make([]float64, out)
			for i := 0; i < n; i++ {
				for j, v := range g[i*out : (i+1)*out] {
					acc[j] += float64(v)
				}
			}
			if n == 1 {
				copy(db.Float32s(), g[:out])
			} else {
				for j, v := range acc {
					db.Float32s()[j] = float32(v)
				}
			}
			grads[2] = db
		}
		return grads
	})
}

// TestLinearBitsUnchanged runs F.Linear and linearBefore on the same inputs, for both
// float dtypes and shapes that take every GEMM path (serial and split over workers,
// packed and dot-product, k past one cache block, the lessons' iris and MNIST
// layers), and compares outputs and gradients bit for bit.
func TestLinearBitsUnchanged(t *testing.T) {
	shapes := []struct{ n, in, out int }{
		{1, 4, 3}, {112, 4, 5}, {120, 4, 3}, {20, 784, 64}, {64, 784, 20}, {20, 64, 10},
		{256, 300, 100}, {7, 1000, 3}, {1000, 784, 64},
	}
	for _, dt := range []tensor.DType{tensor.Float32, tensor.Float64} {
		for _, s := range shapes {
			for _, bias := range []bool{true, false} {
				t.Run(fmt.Sprintf("%v/%dx%dx%d/bias=%v", dt, s.n, s.in, s.out, bias), func(t *testing.T) {
					run := func(f func(x, w, b *tensor.Tensor) *tensor.Tensor) []*tensor.Tensor {
						g := tensor.NewGenerator(uint64(s.n*131 + s.in*7 + s.out))
						x := tensor.RandnOf(dt, g, s.n, s.in).RequiresGrad()
						w := tensor.RandnOf(dt, g, s.out, s.in).RequiresGrad()
						var b *tensor.Tensor
						if bias {
							b = tensor.RandnOf(dt, g, s.out).RequiresGrad()
						}
						y := f(x, w, b)
						y.Backward(tensor.RandnOf(dt, g, s.n, s.out))
						res := []*tensor.Tensor{y, x.Grad(), w.Grad()}
						if bias {
							res = append(res, b.Grad())
						}
						return res
					}
					want, got := run(linearBefore), run(F.Linear)
					if want[0].GradFn() != got[0].GradFn() {
						t.Errorf("grad_fn %s, want %s", got[0].GradFn(), want[0].GradFn())
					}
					for i := range want {
						w, g := want[i].ToFloat64s(), got[i].ToFloat64s()
						for j := range w {
							if math.Float64bits(w[j]) != math.Float64bits(g[j]) {
								t.Fatalf("result %d element %d: %v, want %v bit for bit", i, j, g[j], w[j])
							}
						}
					}
				})
			}
		}
	}
}
