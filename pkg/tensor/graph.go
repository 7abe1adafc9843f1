package tensor

// GraphNode is one node of the graph autograd recorded behind a tensor,
// as PyTorch's grad_fn.next_functions chain shows it: an op node
// ("MulBackward0") or, for a leaf that requires grad, an "AccumulateGrad"
// node holding that leaf. It is a read-only copy: changing it changes
// nothing in the graph.
type GraphNode struct {
	// ID is the node's index in the slice Graph returns; the root (the
	// tensor's own grad_fn) is 0.
	ID int
	// Name is the grad_fn name ("MseLossBackward0") or "AccumulateGrad".
	Name string
	// Inputs are the IDs of the nodes this one passes gradients to, in the
	// op's input order: PyTorch's next_functions without its Nones (inputs
	// that need no gradient, such as data and labels, are left out).
	Inputs []int
	// Shape is the shape of the tensor the node produced (for an
	// AccumulateGrad node, the leaf's shape).
	Shape []int
	// Leaf is set on AccumulateGrad nodes.
	Leaf bool
	// Param is set on AccumulateGrad nodes whose leaf is a module
	// parameter (MarkParameter), printed by PyTorch as "Parameter containing:".
	Param bool
	// Tensor is the tensor of this node: the leaf for AccumulateGrad, the
	// op's result otherwise. Read it (Shape, Grad, String); do not change it.
	Tensor *Tensor
}

// Graph walks the autograd graph behind t, from t's grad_fn back to the
// leaves, breadth first, and returns its nodes, each once, root first. It
// returns nil when t has no grad_fn (a leaf, or a result computed with
// grad mode off), as PyTorch's t.grad_fn is None then. pkg/plot's
// AutogradGraph draws it; it is also a way to print the chain:
//
//	for _, n := range tensor.Graph(loss) { fmt.Println(n.Name, n.Inputs) }
func Graph(t *Tensor) []GraphNode {
	if t == nil || t.fn == nil {
		return nil
	}
	ids := map[*Tensor]int{t: 0}
	queue := []*Tensor{t}
	var out []GraphNode
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		n := GraphNode{ID: ids[cur], Shape: append([]int{}, cur.shape...), Tensor: cur}
		if cur.fn == nil {
			n.Name, n.Leaf, n.Param = "AccumulateGrad", true, cur.isParam
		} else {
			n.Name = cur.fn.name
			n.Inputs = []int{}
			for _, in := range cur.fn.inputs {
				// The same rule Backward follows: only inputs that need
				// a gradient receive one.
				if in == nil || !in.NeedsGrad() {
					continue
				}
				id, seen := ids[in]
				if !seen {
					id = len(ids)
					ids[in] = id
					queue = append(queue, in)
				}
				n.Inputs = append(n.Inputs, id)
			}
		}
		out = append(out, n)
	}
	return out
}
