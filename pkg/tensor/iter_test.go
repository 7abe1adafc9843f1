package tensor

import "testing"

// Rows of a tensor in a graph print as PyTorch 1.13 prints the rows of
// `for r in x:` (torch: tensor([2., 4.], grad_fn=<UnbindBackward0>)), and the
// gradient of each row reaches its row of the leaf.
func TestRowsUnbindBackward(t *testing.T) {
	leaf := New([][]float64{{1, 2}, {3, 4}}).RequiresGrad()
	x := leaf.MulScalar(2)
	want := []string{"tensor([2., 4.], grad_fn=<UnbindBackward0>)", "tensor([6., 8.], grad_fn=<UnbindBackward0>)"}
	var loss *Tensor
	for i, r := range x.Rows() {
		if got := r.String(); got != want[i] {
			t.Errorf("row %d prints %q, want %q", i, got, want[i])
		}
		term := r.Sum().MulScalar(float64(i + 1))
		if loss == nil {
			loss = term
		} else {
			loss = loss.Add(term)
		}
	}
	loss.Backward()
	if got := leaf.Grad().String(); got != "tensor([[2., 2.],\n        [4., 4.]])" {
		t.Errorf("grad %q", got)
	}
	// Without a graph a row is a plain view with no grad_fn.
	for _, r := range New([]int64{1, 2}).Rows() {
		if r.GradFn() != "" {
			t.Errorf("row of a plain tensor has grad_fn %q", r.GradFn())
		}
	}
}
