package tensor

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemm computes C[coff:] (m x n) = op(A) op(B) (+ C when accumulate), where op transposes
// when the flag is set; A is m x k (stored k x m when transA), B is k x n (n x k when
// transB). Float32 goes through blas32.Implementation() and float64 through blas64, so a
// faster BLAS can be plugged in with blas32.Use / blas64.Use; integers use a plain loop.
func gemm(transA, transB bool, m, n, k int, a *Tensor, aoff int, b *Tensor, boff int, c *Tensor, coff int, accumulate bool) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		if !accumulate {
			for i := 0; i < m*n; i++ {
				c.set(coff+i, 0)
			}
		}
		return
	}
	lda, ldb := k, n
	ta, tb := blas.NoTrans, blas.NoTrans
	if transA {
		lda, ta = m, blas.Trans
	}
	if transB {
		ldb, tb = k, blas.Trans
	}
	switch c.dtype {
	case Float32:
		var beta float32
		if accumulate {
			beta = 1
		}
		blas32.Implementation().Sgemm(ta, tb, m, n, k, 1, a.f32[aoff:aoff+m*k], lda, b.f32[boff:boff+k*n], ldb, beta, c.f32[coff:coff+m*n], n)
	case Float64:
		var beta float64
		if accumulate {
			beta = 1
		}
		blas64.Implementation().Dgemm(ta, tb, m, n, k, 1, a.f64[aoff:aoff+m*k], lda, b.f64[boff:boff+k*n], ldb, beta, c.f64[coff:coff+m*n], n)
	case Int64:
		intGemm(transA, transB, m, n, k, a.i64[aoff:], b.i64[boff:], c.i64[coff:], accumulate)
	case Int32:
		intGemm(transA, transB, m, n, k, a.i32[aoff:], b.i32[boff:], c.i32[coff:], accumulate)
	default:
		panic(fmt.Sprintf("tensor.MatMul: cannot multiply %v tensors", c.dtype)) // unreachable: MatMul rejects bool first
	}
}

func intGemm[T int64 | int32](transA, transB bool, m, n, k int, a, b, c []T, accumulate bool) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s T
			for p := 0; p < k; p++ {
				var av, bv T
				if transA {
					av = a[p*m+i]
				} else {
					av = a[i*k+p]
				}
				if transB {
					bv = b[j*k+p]
				} else {
					bv = b[p*n+j]
				}
				s += av * bv
			}
			if accumulate {
				c[i*n+j] += s
			} else {
				c[i*n+j] = s
			}
		}
	}
}

// bmm computes out[bi] = op(a[bi]) op(b[bi]) over a batch, where an operand with batch 1
// is broadcast; when reduceA/reduceB is set the products are summed into batch 0 of out.
func bmm(transA, transB bool, batch, m, n, k int, a *Tensor, ba int, b *Tensor, bb int, out *Tensor, sumBatch bool) {
	for i := 0; i < batch; i++ {
		ao, bo := 0, 0
		if ba > 1 {
			ao = i * m * k
		}
		if bb > 1 {
			bo = i * k * n
		}
		co := i * m * n
		if sumBatch {
			co = 0
		}
		gemm(transA, transB, m, n, k, a, ao, b, bo, out, co, sumBatch && i > 0)
	}
}

// MatMul is PyTorch's matmul for 1-D, 2-D and 3-D operands: dot (DotBackward0),
// matrix-vector (MvBackward0), vector-matrix, matrix-matrix (MmBackward0) and batched
// products with a broadcast batch dim.
func (t *Tensor) MatMul(o *Tensor) *Tensor {
	return MatMul(t, o)
}

// MatMul is a.MatMul(b).
func MatMul(a, b *Tensor) *Tensor {
	if a.Dim() == 0 || b.Dim() == 0 || a.Dim() > 3 || b.Dim() > 3 {
		panic(fmt.Sprintf("tensor.MatMul: both arguments need 1 to 3 dimensions, got shapes %v and %v", a.shape, b.shape))
	}
	if a.dtype != b.dtype {
		panic(fmt.Sprintf("tensor.MatMul: expected both operands to have the same dtype, got %v (shape %v) and %v (shape %v)", a.dtype, a.shape, b.dtype, b.shape))
	}
	if a.dtype == Bool {
		panic(fmt.Sprintf("tensor.MatMul: torch.bool tensors cannot be multiplied (shapes %v and %v); cast them first with .Long() or .Float()", a.shape, b.shape))
	}
	// View both as [batch, rows, cols].
	var ba, m, k, bb, k2, n int
	switch a.Dim() {
	case 1:
		ba, m, k = 1, 1, a.shape[0]
	case 2:
		ba, m, k = 1, a.shape[0], a.shape[1]
	case 3:
		ba, m, k = a.shape[0], a.shape[1], a.shape[2]
	}
	switch b.Dim() {
	case 1:
		bb, k2, n = 1, b.shape[0], 1
	case 2:
		bb, k2, n = 1, b.shape[0], b.shape[1]
	case 3:
		bb, k2, n = b.shape[0], b.shape[1], b.shape[2]
	}
	if k != k2 {
		panic(fmt.Sprintf("tensor.MatMul: shapes %v and %v cannot be multiplied (%d != %d)", a.shape, b.shape, k, k2))
	}
	batch := ba
	if ba != bb {
		switch {
		case ba == 1 && a.Dim() < 3:
			batch = bb
		case bb == 1 && b.Dim() < 3:
			batch = ba
		case ba == 1 || bb == 1:
			batch = ba * bb
		default:
			panic(fmt.Sprintf("tensor.MatMul: batch dims of shapes %v and %v are not broadcastable", a.shape, b.shape))
		}
	}
	var shape []int
	if a.Dim() == 3 || b.Dim() == 3 {
		shape = append(shape, batch)
	}
	if a.Dim() >= 2 {
		shape = append(shape, m)
	}
	if b.Dim() >= 2 {
		shape = append(shape, n)
	}
	out := newTensor(a.dtype, shape)
	bmm(false, false, batch, m, n, k, a, ba, b, bb, out, false)

	name := "UnsafeViewBackward0"
	switch {
	case a.Dim() == 1 && b.Dim() == 1:
		name = "DotBackward0"
	case a.Dim() == 2 && b.Dim() == 2:
		name = "MmBackward0"
	case a.Dim() == 2 && b.Dim() == 1:
		name = "MvBackward0"
	case a.Dim() == 1 && b.Dim() == 2:
		name = "SqueezeBackward3"
	case a.Dim() < 3 && b.Dim() == 3:
		name = "CloneBackward0"
	}
	return Record(name, out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if a.IsRequiresGrad() {
			// dA = dOut @ B^T, summed over the batch when A was broadcast.
			ga = newTensor(a.dtype, a.shape)
			bmm(false, true, batch, m, k, n, g, batch, b, bb, ga, ba == 1 && batch > 1)
		}
		if b.IsRequiresGrad() {
			// dB = A^T @ dOut
			gb = newTensor(b.dtype, b.shape)
			bmm(true, false, batch, k, n, m, a, ba, g, batch, gb, bb == 1 && batch > 1)
		}
		return []*Tensor{ga, gb}
	})
}
