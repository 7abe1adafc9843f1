package tensor

import "fmt"

// viewInfo records how a tensor's storage relates to another tensor's. Every tensor is
// contiguous, so a view is always one contiguous block of its base's flat storage: a Go
// subslice, which is why Index, dim-0 Slice, Reshape, View, Flatten, Squeeze and
// Unsqueeze can share storage cheaply while T, Transpose, Permute and Slice/Select on
// other dims cannot and copy.
type viewInfo struct {
	// base is the tensor whose storage t shares (PyTorch's t._base): always the root,
	// never itself a view. nil when t owns its storage.
	base *Tensor
	// offset is the position of t's first element in base's flat storage.
	offset int
	// copyOf names the op ("T", "Permute", "Slice", ...) that made t, when PyTorch
	// would have returned a view but Kosaku copied: writing into t would not change the
	// tensor it came from, so in-place writes panic instead of silently doing nothing.
	// Views of such a copy carry the same name.
	copyOf string
}

// root is the tensor owning t's storage (t itself unless t is a view).
func (t *Tensor) root() *Tensor {
	if t.view != nil && t.view.base != nil {
		return t.view.base
	}
	return t
}

// viewOffset is t's first element in root()'s flat storage.
func (t *Tensor) viewOffset() int {
	if t.view != nil {
		return t.view.offset
	}
	return 0
}

// copyOrigin is the op that made t (or the tensor t is a view of) a copy, or "".
func (t *Tensor) copyOrigin() string {
	if t.view != nil && t.view.copyOf != "" {
		return t.view.copyOf
	}
	if r := t.root(); r != t && r.view != nil {
		return r.view.copyOf
	}
	return ""
}

// IsView reports whether t shares storage with another tensor (PyTorch's t._base is not
// None): a write into either is seen by both.
func (t *Tensor) IsView() bool { return t.root() != t }

// Base is the tensor whose storage t shares (PyTorch's t._base), or nil when t owns its
// storage.
func (t *Tensor) Base() *Tensor {
	if r := t.root(); r != t {
		return r
	}
	return nil
}

// viewBlock returns a tensor of shape that shares the n = numel(shape) elements of t's
// storage starting at element off (relative to t). Three-index slices keep an append on
// the view from ever writing past its block.
func (t *Tensor) viewBlock(shape []int, off int) *Tensor {
	n := numelOf(shape)
	e := off + n
	v := &Tensor{shape: append([]int{}, shape...), dtype: t.dtype}
	switch t.dtype {
	case Float32:
		v.f32 = t.f32[off:e:e]
	case Float64:
		v.f64 = t.f64[off:e:e]
	case Int64:
		v.i64 = t.i64[off:e:e]
	case Int32:
		v.i32 = t.i32[off:e:e]
	case Bool:
		v.b = t.b[off:e:e]
	}
	v.view = &viewInfo{base: t.root(), offset: t.viewOffset() + off}
	return v
}

// markCopy records that t is a copy made by op where PyTorch returns a view, and returns t.
func (t *Tensor) markCopy(op string) *Tensor {
	t.view = &viewInfo{copyOf: op}
	return t
}

// checkWritable panics when t is a copy that PyTorch would have given as a view: a write
// into it could never reach the tensor the reader means to change.
func (t *Tensor) checkWritable(op string) {
	from := t.copyOrigin()
	if from == "" {
		return
	}
	panic(fmt.Sprintf("tensor.%s: this tensor (shape %v) is a copy made by %s, not a view as in PyTorch, "+
		"so writing into it would not change the tensor it came from; write into the original with "+
		"SetIndex / SetSlice instead (x.SetSlice(v, tensor.Colon(), tensor.I(1)) is x[:, 1] = v), "+
		"or call Clone() first if you want an independent tensor", op, t.shape, from))
}

// checkInPlaceGrad applies PyTorch's autograd rules for an in-place write into t under
// grad mode: a leaf that requires grad, or a view of one, cannot be written (its gradient
// would lose the values it was computed from).
// indexed is true for index assignment, which PyTorch performs on a view of t.
func (t *Tensor) checkInPlaceGrad(op string, indexed bool) {
	if !IsGradEnabled() {
		return
	}
	if t.fn == nil && t.requiresGrad && indexed {
		panic(fmt.Sprintf("tensor.%s: a view of a leaf Variable that requires grad is being used in an in-place operation. "+
			"Index assignment into a leaf of shape %v: write inside tensor.NoGrad(func() { ... }) as optimisers do, "+
			"or into a Detach()ed copy", op, t.shape))
	}
	if t.fn == nil && t.requiresGrad {
		panic(fmt.Sprintf("tensor.%s: a leaf Variable that requires grad is being used in an in-place operation. "+
			"The leaf has shape %v: write inside tensor.NoGrad(func() { ... }) as optimisers do, or write into a Detach()ed copy", op, t.shape))
	}
	if r := t.root(); r != t && r.fn == nil && r.requiresGrad {
		panic(fmt.Sprintf("tensor.%s: a view of a leaf Variable that requires grad is being used in an in-place operation. "+
			"The view has shape %v, the leaf %v: write inside tensor.NoGrad(func() { ... }) as optimisers do, "+
			"or write into a Detach()ed copy", op, t.shape, r.shape))
	}
}
