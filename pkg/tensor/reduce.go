package tensor

import (
	"fmt"
	"math"
)

// splitDim views shape as [outer, n, inner] around dim.
func splitDim(shape []int, dim int) (outer, n, inner int) {
	outer, inner = 1, 1
	for i := 0; i < dim; i++ {
		outer *= shape[i]
	}
	for i := dim + 1; i < len(shape); i++ {
		inner *= shape[i]
	}
	return outer, shape[dim], inner
}

func reducedShape(shape []int, dim int, keepdim bool) []int {
	out := make([]int, 0, len(shape))
	for i, d := range shape {
		if i == dim {
			if keepdim {
				out = append(out, 1)
			}
			continue
		}
		out = append(out, d)
	}
	return out
}

func sumDimF32(out, in []float32, outer, n, inner int) {
	// PyTorch's order, bit for bit (cascade.go).
	if inner == 1 {
		sumInnerF32(out, in, outer, n)
		return
	}
	sumOuterF32(out, in, outer, n, inner)
}

func sumDimGeneric[T float64 | int64](out, in []T, outer, n, inner int) {
	for o := 0; o < outer; o++ {
		acc := out[o*inner : (o+1)*inner]
		base := in[o*n*inner:]
		for k := 0; k < n; k++ {
			row := base[k*inner : (k+1)*inner]
			for i, v := range row {
				acc[i] += v
			}
		}
	}
}

// sumDimRaw sums over dim without graph; ints and bools give Int64.
func (t *Tensor) sumDimRaw(dim int, keepdim bool) *Tensor {
	src := t
	if !src.dtype.IsFloat() && src.dtype != Int64 {
		src = src.castRaw(Int64)
	}
	if len(src.shape) == 0 {
		return src.clone()
	}
	outer, n, inner := splitDim(src.shape, dim)
	out := newTensor(src.dtype, reducedShape(src.shape, dim, keepdim))
	switch src.dtype {
	case Float32:
		sumDimF32(out.f32, src.f32, outer, n, inner)
	case Float64:
		sumDimGeneric(out.f64, src.f64, outer, n, inner)
	default:
		sumDimGeneric(out.i64, src.i64, outer, n, inner)
	}
	return out
}

func (t *Tensor) sumAllRaw() *Tensor {
	switch t.dtype {
	case Float32:
		var s float64
		for _, v := range t.f32 {
			s += float64(v)
		}
		return FromSlice([]float32{float32(s)}).withShape(nil)
	case Float64:
		var s float64
		for _, v := range t.f64 {
			s += v
		}
		return FromSlice([]float64{s}).withShape(nil)
	}
	var s int64
	switch t.dtype {
	case Int64:
		for _, v := range t.i64 {
			s += v
		}
	case Int32:
		for _, v := range t.i32 {
			s += int64(v)
		}
	case Bool:
		for _, v := range t.b {
			if v {
				s++
			}
		}
	}
	return FromSlice([]int64{s}).withShape(nil)
}

// Sum adds all elements into a 0-d tensor; int and bool tensors give Int64 (SumBackward0).
func (t *Tensor) Sum() *Tensor {
	out := t.sumAllRaw()
	return Record("SumBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{expandGrad(g, t.shape)}
	})
}

// SumDim sums over dim, keeping it as size 1 when keepdim (SumBackward1).
func (t *Tensor) SumDim(dim int, keepdim bool) *Tensor {
	dim = normDim("SumDim", dim, t.Dim())
	out := t.sumDimRaw(dim, keepdim)
	return Record("SumBackward1", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{expandGrad(g.withShape(reducedShape(t.shape, dim, true)), t.shape)}
	})
}

func (t *Tensor) checkMeanDType(op string) {
	if !t.dtype.IsFloat() {
		panic(fmt.Sprintf("tensor.%s: could not infer output dtype; input dtype %v (shape %v) must be a floating point type", op, t.dtype, t.shape))
	}
}

// Mean averages all elements into a 0-d tensor (MeanBackward0). Float tensors only.
func (t *Tensor) Mean() *Tensor {
	t.checkMeanDType("Mean")
	n := float64(t.Numel())
	out := scalarOp(t.sumAllRaw(), opDiv, n, t.dtype, false)
	return Record("MeanBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{expandGrad(g.DivScalar(n), t.shape)}
	})
}

// MeanDim averages over dim (MeanBackward1).
func (t *Tensor) MeanDim(dim int, keepdim bool) *Tensor {
	t.checkMeanDType("MeanDim")
	dim = normDim("MeanDim", dim, t.Dim())
	n := 1.0
	if t.Dim() > 0 {
		n = float64(t.shape[dim])
	}
	s := t.sumDimRaw(dim, keepdim)
	out := scalarOp(s, opDiv, n, t.dtype, false)
	return Record("MeanBackward1", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{expandGrad(g.DivScalar(n).withShape(reducedShape(t.shape, dim, true)), t.shape)}
	})
}

// maxDimRaw finds the maximum along dim: values (t's dtype) and first indices (Int64).
func (t *Tensor) maxDimRaw(op string, dim int, keepdim bool) (*Tensor, *Tensor) {
	if t.Dim() == 0 {
		return t.clone(), newTensor(Int64, nil)
	}
	if t.shape[dim] == 0 {
		panic(fmt.Sprintf("tensor.%s: reduction over dim %d of size 0 (shape %v)", op, dim, t.shape))
	}
	outer, n, inner := splitDim(t.shape, dim)
	rs := reducedShape(t.shape, dim, keepdim)
	vals := newTensor(t.dtype, rs)
	idx := newTensor(Int64, rs)
	if t.dtype == Float32 {
		for o := 0; o < outer; o++ {
			for i := 0; i < inner; i++ {
				base := o*n*inner + i
				best, bi := t.f32[base], 0
				for k := 1; k < n; k++ {
					v := t.f32[base+k*inner]
					if v > best || (v != v && best == best) {
						best, bi = v, k
					}
				}
				vals.f32[o*inner+i] = best
				idx.i64[o*inner+i] = int64(bi)
			}
		}
		return vals, idx
	}
	if t.dtype == Int64 || t.dtype == Int32 {
		// Integers compare in their own type: int64 values above 2^53 stay distinct.
		src := t.castRaw(Int64)
		for o := 0; o < outer; o++ {
			for i := 0; i < inner; i++ {
				base := o*n*inner + i
				best, bi := src.i64[base], 0
				for k := 1; k < n; k++ {
					if v := src.i64[base+k*inner]; v > best {
						best, bi = v, k
					}
				}
				vals.setInt(o*inner+i, best)
				idx.i64[o*inner+i] = int64(bi)
			}
		}
		return vals, idx
	}
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			base := o*n*inner + i
			best, bi := t.at(base), 0
			for k := 1; k < n; k++ {
				v := t.at(base + k*inner)
				if v > best || (math.IsNaN(v) && !math.IsNaN(best)) {
					best, bi = v, k
				}
			}
			vals.set(o*inner+i, best)
			idx.i64[o*inner+i] = int64(bi)
		}
	}
	return vals, idx
}

// Max returns the maximum values along dim and their indices (Int64), like
// torch.max(x, dim). The values are differentiable (MaxBackward0).
func (t *Tensor) Max(dim int) (values, indices *Tensor) {
	return t.MaxDim(dim, false)
}

// MaxDim is Max with keepdim.
func (t *Tensor) MaxDim(dim int, keepdim bool) (values, indices *Tensor) {
	dim = normDim("Max", dim, t.Dim())
	vals, idx := t.maxDimRaw("Max", dim, keepdim)
	vals = Record("MaxBackward0", vals, []*Tensor{t}, func(g *Tensor) []*Tensor {
		gi := newTensor(g.dtype, t.shape)
		if t.Dim() == 0 {
			gi.set(0, g.at(0))
			return []*Tensor{gi}
		}
		outer, n, inner := splitDim(t.shape, dim)
		for o := 0; o < outer; o++ {
			for i := 0; i < inner; i++ {
				j := o*inner + i
				k := int(idx.i64[j])
				gi.set(o*n*inner+k*inner+i, g.at(j))
			}
		}
		return []*Tensor{gi}
	})
	return vals, idx
}

// ArgMax is the index (Int64) of the maximum along dim.
func (t *Tensor) ArgMax(dim int) *Tensor {
	dim = normDim("ArgMax", dim, t.Dim())
	_, idx := t.maxDimRaw("ArgMax", dim, false)
	return idx
}

// MaxAll is the largest element as a 0-d tensor (MaxBackward1; ties share the gradient
// evenly, as PyTorch does).
func (t *Tensor) MaxAll() *Tensor {
	if t.Numel() == 0 {
		panic(fmt.Sprintf("tensor.MaxAll: max of an empty tensor (shape %v)", t.shape))
	}
	flat := t.withShape([]int{t.Numel()})
	vals, _ := flat.maxDimRaw("MaxAll", 0, false)
	return Record("MaxBackward1", vals, []*Tensor{t}, func(g *Tensor) []*Tensor {
		m := vals.at(0)
		gi := newTensor(g.dtype, t.shape)
		count := 0
		for i := 0; i < t.Numel(); i++ {
			if t.at(i) == m {
				count++
			}
		}
		share := g.at(0) / float64(count)
		for i := 0; i < t.Numel(); i++ {
			if t.at(i) == m {
				gi.set(i, share)
			}
		}
		return []*Tensor{gi}
	})
}
