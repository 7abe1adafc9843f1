package tensor

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/internal/shapes"
)

// broadcastShapes returns PyTorch's broadcast of a and b, panicking for op otherwise.
func broadcastShapes(op string, a, b []int) []int {
	out, bad := shapes.Broadcast(a, b)
	if bad != nil {
		panic(fmt.Sprintf("tensor.%s: shapes %v and %v are not broadcastable", op, a, b))
	}
	return out
}

// bcastStrides gives the element strides of shape viewed as out (0 where broadcast).
func bcastStrides(shape, out []int) []int {
	st := make([]int, len(out))
	s := 1
	for i := len(out) - 1; i >= 0; i-- {
		j := len(shape) - len(out) + i
		if j < 0 {
			continue
		}
		if shape[j] != 1 {
			st[i] = s
		}
		s *= shape[j]
	}
	return st
}

// sumToShape reduces a gradient of a broadcast result back to shape (the inverse of
// broadcasting): sums the leading extra dims and the dims where shape has size 1.
func sumToShape(g *Tensor, shape []int) *Tensor {
	if sameShape(g.shape, shape) {
		return g
	}
	lead := len(g.shape) - len(shape)
	cur := g
	for i := 0; i < lead; i++ {
		cur = cur.sumDimRaw(0, false)
	}
	for i, d := range shape {
		if d == 1 && cur.shape[i] != 1 {
			cur = cur.sumDimRaw(i, true)
		}
	}
	return cur.withShape(shape)
}

// expandTo copies t broadcast to shape (no graph).
func expandTo(t *Tensor, shape []int) *Tensor { return expandInto(t, shape, newTensor) }

// expandGrad is expandTo for a backward function: the copy is a pooled gradient.
func expandGrad(t *Tensor, shape []int) *Tensor { return expandInto(t, shape, newGrad) }

func expandInto(t *Tensor, shape []int, alloc func(DType, []int) *Tensor) *Tensor {
	if sameShape(t.shape, shape) {
		return t
	}
	out := alloc(t.dtype, shape)
	if t.Numel() == 1 {
		if t.dtype == Int64 {
			// Exact for int64 values above 2^53 (fill goes through float64).
			for i := range out.i64 {
				out.i64[i] = t.i64[0]
			}
			return out
		}
		out.fill(t.at(0))
		return out
	}
	broadcastShapes("expand", shape, t.shape)
	// opRhs never reads its left operand, so out itself stands in for it.
	as := contiguousStrides(shape)
	bs := bcastStrides(t.shape, shape)
	if !bcastTensors(opRhs, out, out, t, shape, as, bs) {
		return expandTo(t.castRaw(Int64), shape).castRaw(Bool)
	}
	return out
}
