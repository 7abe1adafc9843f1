package plot

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// chapter5Loss is chapter 5's loss: MSE(w * x, t) with w = [[1.95]].
func chapter5Loss() (w, loss *tensor.Tensor) {
	w = tensor.FromSlice([]float32{1.95}, 1, 1).RequiresGrad()
	x := tensor.FromSlice([]float32{1}, 1)
	t := tensor.FromSlice([]float32{2}, 1, 1)
	return w, nn.NewMSELoss().Forward(w.Mul(x), t)
}

func TestAutogradGraphChapter5(t *testing.T) {
	w, loss := chapter5Loss()
	c := AutogradGraph(loss).Name(w, "w")
	var names []string
	for _, n := range c.nodes {
		names = append(names, n.name)
	}
	if got := strings.Join(names, " "); got != "MseLossBackward0 MulBackward0 AccumulateGrad" {
		t.Fatalf("nodes %s, want torch 1.13's MseLossBackward0 MulBackward0 AccumulateGrad", got)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	wpx, hpx := c.pixels()
	img := decodePNG(t, b, wpx, hpx)
	// One leaf box (w), three op boxes stacked, one output box; top to
	// bottom: leaf, ops, output.
	if n := runs(img, leafFill, true); n != 1 {
		t.Errorf("%d leaf boxes, want 1", n)
	}
	if n := runs(img, opFill, true); n != 3 {
		t.Errorf("%d op boxes, want 3 (AccumulateGrad, MulBackward0, MseLossBackward0)", n)
	}
	if n := runs(img, outputFill, true); n != 1 {
		t.Errorf("%d output boxes, want 1", n)
	}
	_, yl := centroid(t, img, leafFill)
	_, yo := centroid(t, img, opFill)
	_, yout := centroid(t, img, outputFill)
	if !(yl < yo && yo < yout) {
		t.Errorf("boxes at y %.0f (leaf), %.0f (ops), %.0f (output): want leaf above ops above output", yl, yo, yout)
	}
	// Box labels are drawn: the named graph differs from the unnamed one.
	plain, _ := AutogradGraph(loss).PNG()
	if string(plain) == string(b) {
		t.Error("naming the leaf changed nothing in the picture")
	}
	if got := shapeText([]int{1, 1}) + shapeText(nil) + shapeText([]int{5}); got != "(1, 1)()(5,)" {
		t.Errorf("shapes printed as %s", got)
	}
}

func TestAutogradGraphLinear(t *testing.T) {
	// Two Linear layers with a sigmoid: four parameters, each one leaf box.
	g := tensor.NewGenerator(0)
	fc1, fc2 := nn.NewLinear(4, 5), nn.NewLinear(5, 1)
	out := fc2.Forward(fc1.Forward(tensor.Randn(g, 3, 4)).Sigmoid())
	c := AutogradGraph(out)
	leaves := 0
	for _, n := range c.nodes {
		if n.leaf {
			leaves++
			if !n.param {
				t.Errorf("leaf of shape %v is not marked as a parameter", n.shape)
			}
		}
	}
	if leaves != 4 {
		t.Errorf("%d leaves, want the 4 parameters", leaves)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	wpx, hpx := c.pixels()
	if n := runs(decodePNG(t, b, wpx, hpx), leafFill, false); n != 4 {
		t.Errorf("leaf boxes in %d columns, want 4", n)
	}
}

func TestAutogradGraphPanics(t *testing.T) {
	w, loss := chapter5Loss()
	if msg := testkit.MustPanic(t, func() { AutogradGraph(w) }); !strings.Contains(msg, "has no grad_fn") {
		t.Errorf("panic %q", msg)
	}
	other := tensor.FromSlice([]float32{1}, 1)
	if msg := testkit.MustPanic(t, func() { AutogradGraph(loss).Name(other, "x") }); !strings.Contains(msg, `"x" is not a leaf of this graph`) {
		t.Errorf("panic %q", msg)
	}
}
