package tensor

import "fmt"

// Reshape returns a view of t with a new shape (one -1 allowed): it shares t's storage, as
// torch's reshape of a contiguous tensor does, so writes through either are seen by both.
// Its grad_fn is ReshapeAliasBackward0, as in torch 1.13.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	return t.reshapeNamed("Reshape", "ReshapeAliasBackward0", shape)
}

// View is Reshape under PyTorch's other name (a view sharing storage, grad_fn
// ViewBackward0).
func (t *Tensor) View(shape ...int) *Tensor {
	return t.reshapeNamed("View", "ViewBackward0", shape)
}

func (t *Tensor) reshapeNamed(op, gradFn string, shape []int) *Tensor {
	ns := resolveShape(op, t.Numel(), shape, t.shape)
	out := t.viewBlock(ns, 0)
	ts := t.shape
	return Record(gradFn, out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.withShape(ts)}
	})
}

// Flatten merges dims startDim..end into one, as a view sharing t's storage
// (ReshapeAliasBackward0, as torch.flatten).
func (t *Tensor) Flatten(startDim int) *Tensor {
	if t.Dim() == 0 {
		return t.Reshape(1)
	}
	startDim = normDim("Flatten", startDim, t.Dim())
	if startDim == t.Dim()-1 {
		return t
	}
	ns := append(append([]int{}, t.shape[:startDim]...), -1)
	ns = resolveShape("Flatten", t.Numel(), ns, t.shape)
	out := t.viewBlock(ns, 0)
	ts := t.shape
	return Record("ReshapeAliasBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.withShape(ts)}
	})
}

// permuteRaw returns t with dims reordered by perm (copy, no graph).
func (t *Tensor) permuteRaw(perm []int) *Tensor {
	st := contiguousStrides(t.shape)
	shape := make([]int, len(perm))
	strides := make([]int, len(perm))
	for i, p := range perm {
		shape[i] = t.shape[p]
		strides[i] = st[p]
	}
	return t.gather(shape, strides, 0)
}

// Permute reorders dims (PermuteBackward0). Unlike PyTorch's, the result is a copy (it
// would not be contiguous): in-place writes into it panic.
func (t *Tensor) Permute(perm ...int) *Tensor {
	if len(perm) != t.Dim() {
		panic(fmt.Sprintf("tensor.Permute: %d dims given for a tensor of shape %v", len(perm), t.shape))
	}
	seen := make([]bool, len(perm))
	p := make([]int, len(perm))
	for i, d := range perm {
		d = normDim("Permute", d, t.Dim())
		if seen[d] {
			panic(fmt.Sprintf("tensor.Permute: repeated dim %d in %v for shape %v", d, perm, t.shape))
		}
		seen[d] = true
		p[i] = d
	}
	return t.permuteNamed("Permute", "PermuteBackward0", p)
}

// permuteNamed is the copy behind T, Transpose and Permute (op is the public name; a
// write into the copy panics, see checkWritable).
func (t *Tensor) permuteNamed(op, name string, p []int) *Tensor {
	out := t.permuteRaw(p).markCopy(op)
	inv := make([]int, len(p))
	for i, d := range p {
		inv[d] = i
	}
	return Record(name, out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.permuteRaw(inv)}
	})
}

// T transposes a 2-D tensor, as torch's x.T (grad_fn PermuteBackward0); 0-d and
// 1-D tensors are returned unchanged. Unlike PyTorch's, the result is a copy: in-place
// writes into it panic.
func (t *Tensor) T() *Tensor {
	switch t.Dim() {
	case 0, 1:
		return t
	case 2:
		return t.permuteNamed("T", "PermuteBackward0", []int{1, 0})
	}
	panic(fmt.Sprintf("tensor.T: expects a tensor with <= 2 dimensions, got shape %v", t.shape))
}

// Transpose swaps dims d0 and d1 (TransposeBackward0); like T, a copy that refuses
// in-place writes.
func (t *Tensor) Transpose(d0, d1 int) *Tensor {
	d0 = normDim("Transpose", d0, t.Dim())
	d1 = normDim("Transpose", d1, t.Dim())
	if t.Dim() == 0 {
		return t
	}
	p := make([]int, t.Dim())
	for i := range p {
		p[i] = i
	}
	p[d0], p[d1] = p[d1], p[d0]
	return t.permuteNamed("Transpose", "TransposeBackward0", p)
}

// Unsqueeze inserts a size-1 dim at dim, as a view sharing t's storage
// (UnsqueezeBackward0).
func (t *Tensor) Unsqueeze(dim int) *Tensor {
	r := t.Dim() + 1
	if dim < -r || dim >= r {
		panic(fmt.Sprintf("tensor.Unsqueeze: dim %d out of range for shape %v", dim, t.shape))
	}
	if dim < 0 {
		dim += r
	}
	ns := append(append(append([]int{}, t.shape[:dim]...), 1), t.shape[dim:]...)
	out := t.viewBlock(ns, 0)
	ts := t.shape
	return Record("UnsqueezeBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.withShape(ts)}
	})
}

// Squeeze removes size-1 dims: all of them with no argument (SqueezeBackward0), or the
// given dims when they have size 1 (SqueezeBackward1). The result is a view sharing t's
// storage.
func (t *Tensor) Squeeze(dims ...int) *Tensor {
	drop := make([]bool, t.Dim())
	name := "SqueezeBackward0"
	if len(dims) == 0 {
		for i, d := range t.shape {
			drop[i] = d == 1
		}
	} else {
		name = "SqueezeBackward1"
		for _, d := range dims {
			d = normDim("Squeeze", d, t.Dim())
			if t.Dim() > 0 && t.shape[d] == 1 {
				drop[d] = true
			}
		}
	}
	var ns []int
	for i, d := range t.shape {
		if !drop[i] {
			ns = append(ns, d)
		}
	}
	out := t.viewBlock(ns, 0)
	ts := t.shape
	return Record(name, out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.withShape(ts)}
	})
}

// Cat joins tensors along dim; all other dims must match (CatBackward0).
func Cat(ts []*Tensor, dim int) *Tensor {
	out, dim := catRaw("Cat", ts, dim)
	inputs := append([]*Tensor{}, ts...)
	return Record("CatBackward0", out, inputs, func(g *Tensor) []*Tensor {
		grads := make([]*Tensor, len(inputs))
		st := contiguousStrides(g.shape)
		start := 0
		for i, x := range inputs {
			if x.NeedsGrad() {
				grads[i] = g.gather(x.shape, st, start*st[dim])
			}
			start += x.shape[dim]
		}
		return grads
	})
}

// catRaw concatenates without recording a graph; it returns the normalised dim.
func catRaw(op string, ts []*Tensor, dim int) (*Tensor, int) {
	if len(ts) == 0 {
		panic("tensor." + op + ": expected a non-empty list of tensors")
	}
	ref := ts[0]
	if ref.Dim() == 0 {
		panic("tensor." + op + ": zero-dimensional tensor (shape []) cannot be concatenated")
	}
	dim = normDim(op, dim, ref.Dim())
	dt := ref.dtype
	total := 0
	for i, x := range ts {
		if x.Dim() != ref.Dim() {
			panic(fmt.Sprintf("tensor.%s: tensors must have the same number of dimensions: got shapes %v and %v (tensor %d)", op, ref.shape, x.shape, i))
		}
		for d := range x.shape {
			if d != dim && x.shape[d] != ref.shape[d] {
				panic(fmt.Sprintf("tensor.%s: sizes of tensors must match except in dimension %d: got shapes %v and %v (tensor %d)", op, dim, ref.shape, x.shape, i))
			}
		}
		dt = higher(dt, x.dtype)
		total += x.shape[dim]
	}
	ns := append([]int{}, ref.shape...)
	ns[dim] = total
	out := newTensor(dt, ns)
	outer, _, inner := splitDim(ns, dim)
	pos := 0
	for _, x := range ts {
		x := x.castRaw(dt)
		blk := x.shape[dim] * inner
		for o := 0; o < outer; o++ {
			storageCopy(out, o*total*inner+pos*inner, x, o*blk, blk)
		}
		pos += x.shape[dim]
	}
	return out, dim
}

// Stack joins same-shape tensors along a new dim (StackBackward0).
func Stack(ts []*Tensor, dim int) *Tensor {
	if len(ts) == 0 {
		panic("tensor.Stack: expected a non-empty list of tensors")
	}
	r := ts[0].Dim() + 1
	if dim < -r || dim >= r {
		panic(fmt.Sprintf("tensor.Stack: dim %d out of range for tensors of shape %v", dim, ts[0].shape))
	}
	if dim < 0 {
		dim += r
	}
	us := make([]*Tensor, len(ts))
	for i, x := range ts {
		if !sameShape(x.shape, ts[0].shape) {
			panic(fmt.Sprintf("tensor.Stack: stack expects each tensor to be equal size, but got %v at entry 0 and %v at entry %d", ts[0].shape, x.shape, i))
		}
		ns := append(append(append([]int{}, x.shape[:dim]...), 1), x.shape[dim:]...)
		us[i] = x.withShape(ns)
	}
	out, _ := catRaw("Stack", us, dim)
	inputs := append([]*Tensor{}, ts...)
	return Record("StackBackward0", out, inputs, func(g *Tensor) []*Tensor {
		grads := make([]*Tensor, len(inputs))
		st := contiguousStrides(g.shape)
		for i, x := range inputs {
			if x.NeedsGrad() {
				sh := append([]int{}, g.shape...)
				sh[dim] = 1
				grads[i] = g.gather(sh, st, i*st[dim]).withShape(x.shape)
			}
		}
		return grads
	})
}
