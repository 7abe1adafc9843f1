package tensor

import "fmt"

// SetIndex is PyTorch's index assignment x[i] = v along dim 0 (chapter 6's
// result[idx] = w @ item + b): it writes v into row i of t in place and returns t.
// v is a *Tensor or a Go number (x[i] = 0.0 is x.SetIndex(i, 0.0)); it is broadcast to
// the row's shape and cast to t's dtype, as PyTorch's copy_ does. Under grad mode a v
// that requires grad is recorded (t's grad_fn becomes CopySlices), and writing into a
// leaf that requires grad panics as in PyTorch; write inside NoGrad instead.
func (t *Tensor) SetIndex(i int, v any) *Tensor {
	if t.Dim() == 0 {
		panic(fmt.Sprintf("tensor.SetIndex: invalid index %d of a 0-d tensor (shape []); use Fill_ or SetSlice(v)", i))
	}
	return t.setRegion("SetIndex", v, []Range{I(i)})
}

// SetSlice is PyTorch's slice assignment x[idx...] = v, with the indices of Slice after the
// value (Go puts variadic arguments last): x.SetSlice(v, R(1, 3), I(0)) is x[1:3, 0] = v and
// x.SetSlice(0.0, Colon(), I(1)) is x[:, 1] = 0. It writes in place and returns t; v is
// broadcast and cast as in SetIndex, and autograd is recorded the same way.
func (t *Tensor) SetSlice(v any, idx ...Range) *Tensor {
	return t.setRegion("SetSlice", v, idx)
}

// Fill_ sets every element of t to v in place and returns t (torch's x.fill_(v)); on a
// view such as x.Index(i) it writes through to x.
func (t *Tensor) Fill_(v float64) *Tensor { return t.setRegion("Fill_", v, nil) }

// Zero_ sets every element of t to zero in place and returns t (torch's x.zero_()).
func (t *Tensor) Zero_() *Tensor { return t.setRegion("Zero_", 0.0, nil) }

// valueTensor turns SetIndex's v into a tensor whose values are exact in dt where dt can
// hold them (a Go float64 written into a Float64 tensor keeps all its digits).
func valueTensor(op string, v any, dt DType) *Tensor {
	var s *Tensor
	switch x := v.(type) {
	case *Tensor:
		if x == nil {
			panic(fmt.Sprintf("tensor.%s: the value is a nil *Tensor", op))
		}
		return x
	case float64:
		s = FromSlice([]float64{x})
	case float32:
		s = FromSlice([]float32{x})
	case int:
		s = FromSlice([]int64{int64(x)})
	case int64:
		s = FromSlice([]int64{x})
	case int32:
		s = FromSlice([]int32{x})
	case bool:
		s = FromSlice([]bool{x})
	default:
		panic(fmt.Sprintf("tensor.%s: the value is a %T; pass a *Tensor or a Go number (wrap a slice with tensor.New)", op, v))
	}
	return s.castRaw(dt).withShape(nil)
}

// setRegion writes v into the region of t that idx addresses (see SetSlice).
func (t *Tensor) setRegion(op string, v any, idx []Range) *Tensor {
	t.checkWritable(op)
	src := valueTensor(op, v, t.dtype)
	t.checkInPlaceGrad(op, idx != nil)
	g := t.locate(op, idx)

	// Broadcast src to the region as copy_ does; leading size-1 dims of src may go.
	ss := src.shape
	for len(ss) > len(g.shape) && ss[0] == 1 {
		ss = ss[1:]
	}
	ok := len(ss) <= len(g.shape)
	for j := 0; ok && j < len(ss); j++ {
		d := g.shape[len(g.shape)-len(ss)+j]
		ok = ss[j] == d || ss[j] == 1
	}
	if !ok {
		panic(fmt.Sprintf("tensor.%s: a value of shape %v cannot be broadcast to the indexed region of shape %v (indices %v of a tensor of shape %v)",
			op, src.shape, g.shape, idx, t.shape))
	}
	vals := expandTo(src.castRaw(t.dtype).withShape(ss), g.shape)
	if src.root() == t.root() {
		// x[1:3] = x[0:2]: read every value before writing any, as PyTorch's copy does
		// for overlapping memory, instead of copying rows already overwritten.
		vals = vals.clone()
	}
	scatterSet(t, vals, g.strides, g.off)

	root := t.root()
	if !IsGradEnabled() || !t.dtype.IsFloat() || !(src.NeedsGrad() || root.NeedsGrad() || t.NeedsGrad()) {
		return t
	}
	t.recordCopySlices(root, src, ss, g)
	return t
}

// recordCopySlices rebases root's history after a write of src into region g of t (a
// contiguous block of root): root's grad_fn becomes CopySlices, which sends the gradient
// of the written elements to src and the rest to root's previous history, as PyTorch does.
// A view t other than root gets AsStridedBackward0 to root, so later uses of t see the
// new values' history too.
func (t *Tensor) recordCopySlices(root, src *Tensor, srcCore []int, g region) {
	prev := &Tensor{shape: root.shape, dtype: root.dtype, f32: root.f32, f64: root.f64, i64: root.i64, i32: root.i32, b: root.b,
		requiresGrad: root.requiresGrad, fn: root.fn}
	off := t.viewOffset() + g.off
	rootShape := root.shape
	srcShape, srcDT := src.shape, src.dtype
	root.fn = &node{name: "CopySlices", inputs: []*Tensor{prev, src}, backward: func(gr *Tensor) []*Tensor {
		var gPrev, gSrc *Tensor
		if prev.NeedsGrad() {
			gPrev = gr.clone()
			scatterSet(gPrev, ZerosLike(gr.withShape(g.shape)), g.strides, off)
		}
		if src.NeedsGrad() {
			gSrc = sumToShape(gr.gather(g.shape, g.strides, off), srcCore).withShape(srcShape).castRaw(srcDT)
		}
		return []*Tensor{gPrev, gSrc}
	}}
	if t != root {
		ts := t.shape
		voff := t.viewOffset()
		t.fn = &node{name: "AsStridedBackward0", inputs: []*Tensor{root}, backward: func(gr *Tensor) []*Tensor {
			return []*Tensor{scatterInto(gr, rootShape, contiguousStrides(ts), voff)}
		}}
	}
}
