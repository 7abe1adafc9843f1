package tensor

import (
	"fmt"
	"sync/atomic"
)

// node is a grad_fn: the op that produced a non-leaf tensor and how to push gradients back.
type node struct {
	name     string
	inputs   []*Tensor
	backward func(gradOut *Tensor) []*Tensor
}

// gradDisabled is the global grad mode (inverted so the zero value means "on"). The
// lessons drive autograd from one goroutine, as PyTorch notebooks do; the value is atomic
// so that goroutines which only build tensors (data loaders) never race with it, and no
// op other than NoGrad/SetGradEnabled/Backward ever changes it.
var gradDisabled atomic.Bool

// IsGradEnabled reports whether operations currently record a graph.
func IsGradEnabled() bool { return !gradDisabled.Load() }

// SetGradEnabled sets grad mode and returns the previous value, so that
// `defer tensor.SetGradEnabled(tensor.SetGradEnabled(false))` scopes it.
func SetGradEnabled(on bool) bool {
	return !gradDisabled.Swap(!on)
}

// NoGrad runs f with graph recording off (PyTorch's `with torch.no_grad():`).
func NoGrad(f func()) {
	defer SetGradEnabled(SetGradEnabled(false))
	f()
}

// RequiresGrad marks a leaf tensor as tracking gradients and returns it.
func (t *Tensor) RequiresGrad() *Tensor { return t.SetRequiresGrad(true) }

// SetRequiresGrad sets requires_grad on a leaf; only float tensors can require gradients.
func (t *Tensor) SetRequiresGrad(b bool) *Tensor {
	if t.fn != nil {
		if !b {
			panic(fmt.Sprintf("tensor.SetRequiresGrad: cannot turn off requires_grad of a non-leaf tensor (grad_fn %s, shape %v); use Detach", t.fn.name, t.shape))
		}
		return t
	}
	if b && !t.dtype.IsFloat() {
		panic(fmt.Sprintf("tensor.SetRequiresGrad: only floating point tensors can require gradients, got %v (shape %v)", t.dtype, t.shape))
	}
	t.requiresGrad = b
	return t
}

// NeedsGrad is PyTorch's t.requires_grad: true for a leaf marked with RequiresGrad
// and for every result recorded from one. (The name RequiresGrad is the setter,
// PyTorch's requires_grad_(), which the lessons chain: New(...).RequiresGrad().)
func (t *Tensor) NeedsGrad() bool { return t.requiresGrad || t.fn != nil }

// IsRequiresGrad is NeedsGrad.
//
// Deprecated: use NeedsGrad.
func (t *Tensor) IsRequiresGrad() bool { return t.NeedsGrad() }

// IsLeaf reports whether t was created by the user rather than by a recorded op.
func (t *Tensor) IsLeaf() bool { return t.fn == nil }

// GradFn is the name of the op that created t ("AddBackward0"), or "" for leaves.
func (t *Tensor) GradFn() string {
	if t.fn == nil {
		return ""
	}
	return t.fn.name
}

// Grad is the accumulated gradient of a leaf (PyTorch's x.grad); nil before the first
// Backward that reaches t, or after SetGrad(nil). Later Backward calls add into this same
// tensor in place, as PyTorch does, so g := x.Grad() held by the reader sees every later
// gradient and every ZeroGrad.
func (t *Tensor) Grad() *Tensor { return t.grad }

// SetGrad replaces the accumulated gradient; SetGrad(nil) sets it to None (PyTorch's
// x.grad = None, what zero_grad(set_to_none=True) does). The next Backward then starts
// a new gradient tensor; a given g is accumulated into in place.
func (t *Tensor) SetGrad(g *Tensor) {
	if g != nil && !sameShape(g.shape, t.shape) {
		panic(fmt.Sprintf("tensor.SetGrad: gradient shape %v differs from tensor shape %v", g.shape, t.shape))
	}
	if g != nil && g.dtype != t.dtype {
		panic(fmt.Sprintf("tensor.SetGrad: gradient dtype %v differs from tensor dtype %v (shape %v); convert it with .To(%s)", g.dtype, t.dtype, t.shape, t.dtype.goName()))
	}
	t.grad = g
}

// ZeroGrad fills an existing gradient with zeros in place and leaves a missing one nil,
// as x.grad.zero_() and PyTorch 1.13's zero_grad() do: a g := x.Grad() held by the
// reader then prints tensor([0., ...]). Use SetGrad(nil) to drop the gradient instead.
func (t *Tensor) ZeroGrad() {
	if t.grad == nil {
		return
	}
	switch t.grad.dtype {
	case Float32:
		clear(t.grad.f32)
	case Float64:
		clear(t.grad.f64)
	default:
		t.grad = nil
	}
}

// accumulateGrad adds g into t's gradient in place (AccumulateGrad): the first gradient
// becomes t's own copy, later ones are added elementwise into the same storage.
func (t *Tensor) accumulateGrad(g *Tensor) {
	if g.dtype != t.dtype {
		g = g.castRaw(t.dtype)
	}
	if t.grad == nil {
		if g.scratch {
			// A pooled gradient becomes the leaf's own: it leaves the pool for good.
			g.scratch = false
			t.grad = g
			return
		}
		t.grad = g.clone()
		return
	}
	defer releaseGrad(g)
	switch t.grad.dtype {
	case Float32:
		dst := t.grad.f32
		for i, v := range g.f32[:len(dst)] {
			dst[i] += v
		}
	case Float64:
		dst := t.grad.f64
		for i, v := range g.f64[:len(dst)] {
			dst[i] += v
		}
	default:
		t.grad = t.grad.Add(g)
	}
}

// Detach returns a new leaf with a copy of t's values and no graph.
func (t *Tensor) Detach() *Tensor { return t.clone() }

// MarkParameter makes t a module parameter: a leaf that requires grad and prints
// "Parameter containing:".
func (t *Tensor) MarkParameter() *Tensor {
	if t.fn != nil {
		panic(fmt.Sprintf("tensor.MarkParameter: a parameter must be a leaf, got a tensor with grad_fn %s (shape %v)", t.fn.name, t.shape))
	}
	t.SetRequiresGrad(true)
	t.isParam = true
	return t
}

// IsParameter reports whether MarkParameter was called on t.
func (t *Tensor) IsParameter() bool { return t.isParam }

// Record attaches a grad_fn called name to out when grad mode is on and any input requires
// grad, and returns out. backward receives the gradient of out and returns one gradient per
// input (nil where none is needed); it runs with grad mode off. Other packages use it for
// fused ops (convolution, cross-entropy, addmm).
func Record(name string, out *Tensor, inputs []*Tensor, backward func(gradOut *Tensor) []*Tensor) *Tensor {
	if gradDisabled.Load() {
		return out
	}
	need := false
	for _, in := range inputs {
		if in != nil && in.NeedsGrad() {
			need = true
			break
		}
	}
	if !need {
		return out
	}
	if !out.dtype.IsFloat() {
		// Integer results (argmax, comparisons) are never differentiable.
		return out
	}
	out.fn = &node{name: name, inputs: inputs, backward: backward}
	return out
}

// Backward computes gradients of t with respect to every leaf that requires grad and adds
// them to those leaves' Grad. With no argument t must have one element; otherwise pass a
// gradient of t's shape.
func (t *Tensor) Backward(grad ...*Tensor) {
	if !t.NeedsGrad() {
		panic(fmt.Sprintf("tensor.Backward: element 0 of tensors does not require grad and does not have a grad_fn (shape %v)", t.shape))
	}
	var g *Tensor
	switch {
	case len(grad) == 0 || grad[0] == nil:
		if t.Numel() != 1 {
			panic(fmt.Sprintf("tensor.Backward: grad can be implicitly created only for scalar outputs, got shape %v", t.shape))
		}
		g = OnesLike(t)
	default:
		g = grad[0]
		if !sameShape(g.shape, t.shape) {
			panic(fmt.Sprintf("tensor.Backward: gradient shape %v does not match tensor shape %v", g.shape, t.shape))
		}
		if g.dtype != t.dtype {
			g = g.To(t.dtype).Detach()
		}
	}
	// The reader's gradient is theirs: never returned to the free list.
	g.scratch = false
	defer SetGradEnabled(SetGradEnabled(false))

	// Topological order by depth-first search from t over grad_fn inputs.
	var order []*Tensor
	visited := map[*Tensor]bool{}
	type frame struct {
		t *Tensor
		i int
	}
	stack := []frame{{t, 0}}
	visited[t] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.t.fn != nil && top.i < len(top.t.fn.inputs) {
			in := top.t.fn.inputs[top.i]
			top.i++
			if in != nil && in.NeedsGrad() && !visited[in] {
				visited[in] = true
				stack = append(stack, frame{in, 0})
			}
			continue
		}
		order = append(order, top.t)
		stack = stack[:len(stack)-1]
	}

	grads := map[*Tensor]*Tensor{t: g}
	for i := len(order) - 1; i >= 0; i-- {
		cur := order[i]
		gc := grads[cur]
		if gc == nil {
			continue
		}
		delete(grads, cur)
		if cur.fn == nil {
			if cur.requiresGrad {
				cur.accumulateGrad(gc)
			} else {
				releaseGrad(gc)
			}
			continue
		}
		ins := cur.fn.backward(gc)
		if len(ins) != len(cur.fn.inputs) {
			panic(fmt.Sprintf("tensor.Backward: %s returned %d gradients for %d inputs", cur.fn.name, len(ins), len(cur.fn.inputs)))
		}
		settleScratch(gc, ins)
		for j, in := range cur.fn.inputs {
			gi := ins[j]
			if gi == nil {
				continue
			}
			if in == nil || !in.NeedsGrad() {
				releaseGrad(gi)
				continue
			}
			if !sameShape(gi.shape, in.shape) {
				panic(fmt.Sprintf("tensor.Backward: %s returned a gradient of shape %v for an input of shape %v", cur.fn.name, gi.shape, in.shape))
			}
			if gi.dtype != in.dtype {
				conv := gi.To(in.dtype)
				releaseGrad(gi)
				gi = conv
			}
			prev := grads[in]
			switch {
			case prev == nil:
				grads[in] = gi
			case prev.scratch && prev.dtype == gi.dtype && gi.dtype.IsFloat():
				// prev + gi written into prev: the same sums as Add, no new buffer.
				addInto(prev, gi)
				releaseGrad(gi)
			default:
				grads[in] = prev.Add(gi)
				releaseGrad(prev)
				releaseGrad(gi)
			}
		}
	}
}

// settleScratch decides, once a backward function has turned gc into the gradients
// ins, which pooled buffers may go back to the free list. gc is dead unless one of
// ins shares its storage: returned as is, it stays pooled with its new owner; a view of
// it keeps it alive outside the pool. Gradients of ins that share storage with each
// other are left to the garbage collector too: each pooled buffer has one owner.
func settleScratch(gc *Tensor, ins []*Tensor) {
	owners := 0
	for j, gi := range ins {
		if gi == nil {
			continue
		}
		if sharesStorage(gi, gc) {
			owners++
			if gi != gc {
				gc.scratch = false
				gi.scratch = false
			}
		}
		for _, other := range ins[:j] {
			if other != nil && sharesStorage(gi, other) {
				gi.scratch, other.scratch = false, false
			}
		}
	}
	switch {
	case owners == 0:
		releaseGrad(gc)
	case owners > 1:
		gc.scratch = false
	}
}

// addInto adds src into dst elementwise (same shape and float dtype).
func addInto(dst, src *Tensor) {
	if dst.dtype == Float64 {
		d := dst.f64
		for i, v := range src.f64[:len(d)] {
			d[i] += v
		}
		return
	}
	d := dst.f32
	for i, v := range src.f32[:len(d)] {
		d[i] += v
	}
}
