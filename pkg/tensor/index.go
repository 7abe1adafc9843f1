package tensor

import (
	"fmt"
	"math"
)

// Range is one dimension's index in Slice and SetSlice: a Python slice start:end built
// with R, RFrom or Colon, or an integer index built with I, which drops the dimension as
// x[:, 1] does.
type Range struct {
	Start, End int
	all        bool
	single     bool
}

// R is the Python slice start:end; negative values count from the end and an end beyond
// the dimension is clamped, as in Python.
func R(start, end int) Range { return Range{Start: start, End: end} }

// RFrom is start: (to the end).
func RFrom(start int) Range { return Range{Start: start, End: math.MaxInt} }

// Colon is the Python slice ":", the whole dimension.
func Colon() Range { return Range{all: true} }

// All is Colon.
//
// Deprecated: use Colon; All is also data.DataLoader's iterator over batches.
func All() Range { return Colon() }

// I is an integer index inside Slice: x.Slice(Colon(), I(1)) is PyTorch's x[:, 1], which
// selects element 1 of dim 1 and drops that dim (negative i counts from the end).
func I(i int) Range { return Range{Start: i, End: i + 1, single: true} }

// String prints the range as Python writes it (1:3, :, 2).
func (r Range) String() string {
	switch {
	case r.all:
		return ":"
	case r.single:
		return fmt.Sprint(r.Start)
	case r.End == math.MaxInt:
		return fmt.Sprintf("%d:", r.Start)
	}
	return fmt.Sprintf("%d:%d", r.Start, r.End)
}

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

// region is the part of a contiguous tensor that a list of Ranges addresses: the kept
// dims' sizes and element strides and the offset of its first element.
type region struct {
	shape, strides []int
	off            int
	isSelect       bool // the last index is an integer (grad_fn SelectBackward0)
}

// locate resolves idx against t's shape; op names the caller in panics.
func (t *Tensor) locate(op string, idx []Range) region {
	if len(idx) > t.Dim() {
		panic(fmt.Sprintf("tensor.%s: too many indices (%d) for a tensor of shape %v", op, len(idx), t.shape))
	}
	st := contiguousStrides(t.shape)
	var g region
	for d, n := range t.shape {
		if d >= len(idx) {
			g.shape = append(g.shape, n)
			g.strides = append(g.strides, st[d])
			continue
		}
		r := idx[d]
		if r.single {
			i := r.Start
			if i < -n || i >= n {
				panic(fmt.Sprintf("tensor.%s: index %d is out of bounds for dimension %d with size %d (shape %v)", op, i, d, n, t.shape))
			}
			if i < 0 {
				i += n
			}
			g.off += i * st[d]
			continue
		}
		s, e := r.resolve(n)
		g.shape = append(g.shape, e-s)
		g.strides = append(g.strides, st[d])
		g.off += s * st[d]
	}
	g.isSelect = len(idx) > 0 && idx[len(idx)-1].single
	return g
}

// contiguous reports whether the region is one block of consecutive elements, so that a
// view of it is a Go subslice.
func (g region) contiguous() bool {
	want := contiguousStrides(g.shape)
	for d, n := range g.shape {
		if n > 1 && g.strides[d] != want[d] {
			return false
		}
	}
	return numelOf(g.shape) > 0
}

// take returns the region of t as a view when it is contiguous, else as a copy that
// refuses in-place writes (named op), with the grad_fn PyTorch gives (SelectBackward0
// when the last index is an integer, SliceBackward0 otherwise).
func (t *Tensor) take(op string, g region) *Tensor {
	var out *Tensor
	if g.contiguous() {
		out = t.viewBlock(g.shape, g.off)
	} else {
		out = t.gather(g.shape, g.strides, g.off)
		if numelOf(g.shape) > 0 {
			out.markCopy(op)
		}
	}
	name := "SliceBackward0"
	if g.isSelect {
		name = "SelectBackward0"
	}
	ts := t.shape
	return Record(name, out, []*Tensor{t}, func(gr *Tensor) []*Tensor {
		return []*Tensor{scatterInto(gr, ts, g.strides, g.off)}
	})
}

// Index is X[i]: selects along dim 0, dropping it (SelectBackward0). The result is a view:
// it shares x's storage, so writing into it (Fill_, CopyFrom, SetIndex ...) changes x, as
// in PyTorch.
func (t *Tensor) Index(i int) *Tensor {
	if t.Dim() == 0 {
		panic("tensor.Index: invalid index of a 0-d tensor (shape [])")
	}
	return t.take("Index", t.locate("Index", []Range{I(i)}))
}

// Select is torch.select(x, dim, i), the x[:, i] of any dim: it picks index i of dim and
// drops that dim (SelectBackward0). On dim 0 (or when the dims before dim have size 1) the
// result is a view; otherwise it is a copy that panics on in-place writes (use SetSlice).
func (t *Tensor) Select(dim, i int) *Tensor {
	if t.Dim() == 0 {
		panic(fmt.Sprintf("tensor.Select: select() cannot be applied to a 0-dim tensor (dim %d, index %d)", dim, i))
	}
	dim = normDim("Select", dim, t.Dim())
	idx := make([]Range, dim+1)
	for d := range dim {
		idx[d] = Colon()
	}
	idx[dim] = I(i)
	return t.take("Select", t.locate("Select", idx))
}

// Slice is X[a:b, c:d, ...]: one Range per leading dim, the rest kept whole; I(i) is an
// integer index that drops its dim (x.Slice(Colon(), I(1)) is x[:, 1]). The grad_fn is
// PyTorch's: SelectBackward0 when the last index is I, else SliceBackward0. Ranges on dim 0
// only (x[1:3], X[1:3][1:3]) give a view sharing x's storage; a slice that cuts an inner
// dim (X[1:3, 1:3], x[:, 1]) is a copy in Kosaku and panics on in-place writes, so use
// SetSlice to write there.
func (t *Tensor) Slice(idx ...Range) *Tensor {
	return t.take("Slice", t.locate("Slice", idx))
}
