package tensor

import (
	"fmt"
	"slices"

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
// is broadcast (ba or bb is 1); when sumBatch is set the products are summed into
// batch 0 of out (the gradient of an operand that was broadcast).
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

// MatMul is PyTorch's matmul (the @ operator): dot (DotBackward0), matrix-vector
// (MvBackward0), vector-matrix, matrix-matrix (MmBackward0) and batched products.
// Operands of 3 or more dims are stacks of matrices whose batch dims (all but the
// last two) broadcast as torch.matmul's do: [2, 1, 3, 4] @ [5, 4, 2] is [2, 5, 3, 2];
// a 1-D operand is a vector that the result drops ([4] @ [2, 4, 5] is [2, 5]). The
// gradient of an operand that was broadcast is summed over the batch dims it was
// broadcast along.
func (t *Tensor) MatMul(o *Tensor) *Tensor {
	return MatMul(t, o)
}

// MatMul is a.MatMul(b).
func MatMul(a, b *Tensor) *Tensor {
	if a == nil || b == nil {
		panic("tensor.MatMul: an operand is nil")
	}
	if a.Dim() == 0 || b.Dim() == 0 {
		panic(ShapeErrorf("tensor.MatMul", "both arguments need at least 1 dimension, got shapes %v and %v", a.shape, b.shape))
	}
	if a.dtype != b.dtype {
		panic(fmt.Sprintf("tensor.MatMul: expected both operands to have the same dtype, got %v (shape %v) and %v (shape %v)", a.dtype, a.shape, b.dtype, b.shape))
	}
	if a.dtype == Bool {
		panic(fmt.Sprintf("tensor.MatMul: torch.bool tensors cannot be multiplied (shapes %v and %v); cast them first with .Long() or .Float()", a.shape, b.shape))
	}
	if a.Dim() > 3 || b.Dim() > 3 {
		return matmulND(a, b)
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
		panic(ShapeErrorf("tensor.MatMul", "shapes %v and %v cannot be multiplied (%d != %d)", a.shape, b.shape, k, k2))
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
			panic(ShapeErrorf("tensor.MatMul", "batch dims of shapes %v and %v are not broadcastable", a.shape, b.shape))
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
	case a.Dim() == 2 && b.Dim() == 3:
		// torch 1.13 folds b's batch into a transposed product and copies it back.
		name = "CloneBackward0"
	}
	return Record(name, out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if a.NeedsGrad() {
			// dA = dOut @ B^T, summed over the batch when A was broadcast.
			ga = newGrad(a.dtype, a.shape)
			bmm(false, true, batch, m, k, n, g, batch, b, bb, ga, ba == 1 && batch > 1)
		}
		if b.NeedsGrad() {
			// dB = A^T @ dOut
			gb = newGrad(b.dtype, b.shape)
			bmm(true, false, batch, k, n, m, a, ba, g, batch, gb, bb == 1 && batch > 1)
		}
		return []*Tensor{ga, gb}
	})
}

// matmulND is MatMul when an operand has more than 3 dims: the batch dims broadcast,
// then one matrix product per batch element (one product for all of them when b is
// a single matrix or vector and a's batch is not broadcast, as torch folds it).
func matmulND(a, b *Tensor) *Tensor {
	// Matrix dims: a 1-D a is one row [1, k], a 1-D b one column [k, 1].
	var aBatch, bBatch []int
	m, k := 1, a.shape[a.Dim()-1]
	if a.Dim() >= 2 {
		m = a.shape[a.Dim()-2]
		aBatch = a.shape[:a.Dim()-2]
	}
	k2, n := b.shape[0], 1
	if b.Dim() >= 2 {
		k2, n = b.shape[b.Dim()-2], b.shape[b.Dim()-1]
		bBatch = b.shape[:b.Dim()-2]
	}
	if k != k2 {
		panic(ShapeErrorf("tensor.MatMul", "shapes %v and %v cannot be multiplied (%d != %d)", a.shape, b.shape, k, k2))
	}
	batchShape := matmulBatch(a, b, aBatch, bBatch)
	shape := append([]int{}, batchShape...)
	if a.Dim() >= 2 {
		shape = append(shape, m)
	}
	if b.Dim() >= 2 {
		shape = append(shape, n)
	}
	out := newTensor(a.dtype, shape)
	batch := numelOf(batchShape)
	aOff := batchOffsets(aBatch, batchShape, m*k)
	bOff := batchOffsets(bBatch, batchShape, k*n)
	// When b is one matrix (or vector) for every batch element and a is not
	// broadcast, a's matrices are contiguous rows: fold them into one
	// [batch*m, k] @ [k, n] product, as torch does, here and in the backward pass.
	fold := len(bBatch) == 0 && numelOf(aBatch) == batch
	if fold {
		gemm(false, false, batch*m, n, k, a, 0, b, 0, out, 0, false)
	} else {
		for i := 0; i < batch; i++ {
			gemm(false, false, m, n, k, a, aOff[i], b, bOff[i], out, i*m*n, false)
		}
	}
	name := "UnsafeViewBackward0"
	if a.Dim() == 2 {
		name = "CloneBackward0" // torch 1.13 folds b's batch into a transposed product
	}
	return Record(name, out, []*Tensor{a, b}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if fold {
			if a.NeedsGrad() {
				ga = newGrad(a.dtype, a.shape)
				gemm(false, true, batch*m, k, n, g, 0, b, 0, ga, 0, false)
			}
			if b.NeedsGrad() {
				gb = newGrad(b.dtype, b.shape)
				gemm(true, false, k, n, batch*m, a, 0, g, 0, gb, 0, false)
			}
			return []*Tensor{ga, gb}
		}
		if a.NeedsGrad() {
			// dA[batch of a] += dOut[i] @ B[i]^T: a broadcast batch sums its products.
			ga = newGrad(a.dtype, a.shape)
			for i := 0; i < batch; i++ {
				gemm(false, true, m, k, n, g, i*m*n, b, bOff[i], ga, aOff[i], true)
			}
		}
		if b.NeedsGrad() {
			// dB[batch of b] += A[i]^T @ dOut[i]
			gb = newGrad(b.dtype, b.shape)
			for i := 0; i < batch; i++ {
				gemm(true, false, k, n, m, a, aOff[i], g, i*m*n, gb, bOff[i], true)
			}
		}
		return []*Tensor{ga, gb}
	})
}

// matmulBatch broadcasts the batch dims of a and b as torch.matmul does.
func matmulBatch(a, b *Tensor, aBatch, bBatch []int) (out []int) {
	defer func() {
		if recover() != nil {
			panic(ShapeErrorf("tensor.MatMul", "batch dims of shapes %v and %v are not broadcastable", a.shape, b.shape))
		}
	}()
	return broadcastShapes("MatMul", aBatch, bBatch)
}

// batchOffsets returns, for every element of the broadcast batch out (row-major), the
// offset of the matching matrix of an operand with batch dims batch and matrices of
// size elements (0 where the operand is broadcast).
func batchOffsets(batch, out []int, size int) []int {
	offs := make([]int, numelOf(out))
	// One row per batch element: a trailing dim of 1 makes stridedRows visit each.
	shape := append(slices.Clone(out), 1)
	strides := append(bcastStrides(batch, out), 1)
	stridedRows(shape, strides, 0, func(i, off int) { offs[i] = off * size })
	return offs
}
