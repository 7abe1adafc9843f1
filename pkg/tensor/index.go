package tensor

import (
	"fmt"
	"math"
)

// Range is one dimension's slice start:end as in Python, built with R or All.
type Range struct {
	Start, End int
	all        bool
}

// R is the Python slice start:end; negative values count from the end and an end beyond
// the dimension is clamped, as in Python.
func R(start, end int) Range { return Range{Start: start, End: end} }

// RFrom is start: (to the end).
func RFrom(start int) Range { return Range{Start: start, End: math.MaxInt} }

// All is the Python slice ":".
func All() Range { return Range{all: true} }

// resolve clamps the range to a dim of size n like Python's slice.indices.
func (r Range) resolve(n int) (int, int) {
	if r.all {
		return 0, n
	}
	clamp := func(v int) int {
		if v < 0 {
			v += n
			if v < 0 {
				v = 0
			}
		}
		if v > n {
			v = n
		}
		return v
	}
	s, e := clamp(r.Start), clamp(r.End)
	if e < s {
		e = s
	}
	return s, e
}

// Index is X[i]: selects along dim 0, dropping it (SelectBackward0).
func (t *Tensor) Index(i int) *Tensor {
	if t.Dim() == 0 {
		panic("tensor.Index: invalid index of a 0-d tensor (shape [])")
	}
	n := t.shape[0]
	if i < -n || i >= n {
		panic(fmt.Sprintf("tensor.Index: index %d is out of bounds for dimension 0 with size %d (shape %v)", i, n, t.shape))
	}
	if i < 0 {
		i += n
	}
	inner := numelOf(t.shape[1:])
	out := newTensor(t.dtype, t.shape[1:])
	storageCopy(out, 0, t, i*inner, inner)
	return Record("SelectBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		full := newTensor(g.dtype, t.shape)
		storageCopy(full, i*inner, g, 0, inner)
		return []*Tensor{full}
	})
}

// Slice is X[a:b, c:d, ...]: one Range per leading dim, the rest kept whole
// (SliceBackward0).
func (t *Tensor) Slice(ranges ...Range) *Tensor {
	if len(ranges) > t.Dim() {
		panic(fmt.Sprintf("tensor.Slice: too many indices (%d) for a tensor of shape %v", len(ranges), t.shape))
	}
	st := contiguousStrides(t.shape)
	shape := append([]int{}, t.shape...)
	off := 0
	for d, r := range ranges {
		s, e := r.resolve(t.shape[d])
		shape[d] = e - s
		off += s * st[d]
	}
	out := t.gather(shape, st, off)
	return Record("SliceBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{scatterInto(g, t.shape, st, off)}
	})
}
