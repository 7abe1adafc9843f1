package plot

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestNetworkIris(t *testing.T) {
	c := Network(4, 5, 3).InputLabels("sepal length", "sepal width", "petal length", "petal width").
		OutputLabels("setosa", "versicolor", "virginica").Title("iris")
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 560, 400)
	// Each layer's nodes are filled with its colour: count the nodes as
	// runs of rows holding that colour, and check the layers' order.
	for i, want := range []int{4, 5, 3} {
		if n := runs(img, layerFill[i], true); n != want {
			t.Errorf("layer %d: %d nodes drawn, want %d", i, n, want)
		}
	}
	x0, _ := centroid(t, img, layerFill[0])
	x1, _ := centroid(t, img, layerFill[1])
	x2, _ := centroid(t, img, layerFill[2])
	if !(x0 < x1 && x1 < x2) {
		t.Errorf("layers at x %.0f, %.0f, %.0f: want input, hidden, output from left to right", x0, x1, x2)
	}
	if nonWhite(img) < 5000 {
		t.Error("almost nothing drawn")
	}
}

func TestNetworkShortensBigLayers(t *testing.T) {
	c := Network(784, 64, 10)
	l := c.layout()
	if len(l[0]) != maxDrawn || !l[0][maxDrawn/2].ellipsis || len(l[2]) != 10 || l[2][5].ellipsis {
		t.Fatalf("784 and 10 node layers laid out as %d and %d slots", len(l[0]), len(l[2]))
	}
	// The slots after the ellipsis stand for the last nodes: 780..783.
	if got := nodeIndex(784, maxDrawn, maxDrawn-1); got != 783 {
		t.Errorf("last slot stands for node %d, want 783", got)
	}
	if got := nodeIndex(784, maxDrawn, 2); got != 2 {
		t.Errorf("slot 2 stands for node %d, want 2", got)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 560, 400)
	if n := runs(img, layerFill[0], true); n != maxDrawn-1 {
		t.Errorf("784-input layer: %d nodes drawn, want %d (and an ellipsis)", n, maxDrawn-1)
	}
	if c.layerNames[0] != "input (784)" {
		t.Errorf("caption %q", c.layerNames[0])
	}
}

func TestNetworkPanics(t *testing.T) {
	if msg := testkit.MustPanic(t, func() { Network(4) }); !strings.Contains(msg, "plot.Network: need at least 2 layer sizes, got [4]") {
		t.Errorf("panic %q", msg)
	}
	if msg := testkit.MustPanic(t, func() { Network(4, 0) }); !strings.Contains(msg, "positive") {
		t.Errorf("panic %q", msg)
	}
	if msg := testkit.MustPanic(t, func() { Network(4, 3).InputLabels("a") }); !strings.Contains(msg, "plot.Network.InputLabels: 1 labels for 4 inputs") {
		t.Errorf("panic %q", msg)
	}
}

// Chapter 4's figure: bias nodes x₀ and y₀ and the weights w₁₀ … w₁₄ into
// y₁, with Japanese feature names.
func TestNetworkBiasAndEdgeLabels(t *testing.T) {
	plain := Network(4, 5, 1)
	c := Network(4, 5, 1).BiasNode(0, "x₀").BiasNode(1, "y₀").
		NodeLabels(0, "x₁", "x₂", "x₃", "x₄").NodeLabels(1, "y₁", "y₂", "y₃", "y₄", "y₅").
		EdgeLabelsTo(0, 0, "w₁₀", "w₁₁", "w₁₂", "w₁₃", "w₁₄").
		InputLabels("がく片の長さ", "がく片の幅", "花びらの長さ", "花びらの幅")
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 560, 400)
	pb, _ := plain.PNG()
	pimg := decodePNG(t, pb, 560, 400)
	// Two bias squares, in two columns (input and hidden), above the
	// layers' nodes.
	if n := runs(img, biasFill, false); n != 2 {
		t.Errorf("bias nodes in %d columns, want 2", n)
	}
	_, by := centroid(t, img, biasFill)
	_, ny := centroid(t, img, layerFill[0])
	if by >= ny {
		t.Errorf("bias nodes at y %.0f are not above the input nodes at %.0f", by, ny)
	}
	// The five labelled edges are drawn in the marked colour, and only
	// when labelled.
	if n := countColor(img, markedEdge); n < 300 {
		t.Errorf("%d pixels of marked edges, want the five labelled edges", n)
	}
	if n := countColor(pimg, markedEdge); n != 0 {
		t.Errorf("unlabelled network has %d marked-edge pixels", n)
	}
	// The Japanese feature names put ink left of the input nodes.
	x0, _ := centroid(t, img, layerFill[0])
	ink := 0
	for y := 0; y < 400; y++ {
		for x := 0; x < int(x0)-25; x++ {
			if c := rgba(img.At(x, y)); c.R < 128 && c.G < 128 {
				ink++
			}
		}
	}
	if ink < 200 {
		t.Errorf("%d dark pixels left of the inputs, want the four Japanese labels", ink)
	}
	// Chapter 1's figure: one input, five hidden nodes with their biases.
	c1 := Network(1, 5).NodeLabels(0, "I₀").EdgeLabelsFrom(0, 0, "w₀", "w₁", "w₂", "w₃", "w₄").BiasLabels(1, "b₀", "b₁", "b₂", "b₃", "b₄")
	if got := len(c1.edgeLabels); got != 5 {
		t.Errorf("%d edge labels", got)
	}
	if _, err := c1.PNG(); err != nil {
		t.Fatal(err)
	}
}

func TestNetworkLabelPanics(t *testing.T) {
	for _, tc := range []struct {
		f    func()
		want string
	}{
		{func() { Network(4, 5, 1).BiasNode(2, "z₀") }, "plot.Network.BiasNode: layer 2 has no next layer"},
		{func() { Network(4, 5, 1).EdgeLabelsFrom(0, Bias, "a", "b", "c", "d", "e") }, "layer 0 has no bias node (add one with BiasNode first)"},
		{func() { Network(4, 5, 1).EdgeLabelsFrom(0, 4, "a", "b", "c", "d", "e") }, "node 4 out of range: layer 0 has nodes 0..3"},
		{func() { Network(4, 5, 1).BiasNode(0, "1").EdgeLabelsTo(0, 0, "a", "b", "c", "d") }, "4 labels for the 5 edges from layer 0 (its bias node first)"},
		{func() { Network(784, 5).NodeLabels(0, "x") }, "layer 0 has 784 nodes"},
		{func() { Network(4, 5).NodeLabels(3, "x") }, "layer 3 out of range"},
		{func() { Network(4, 5).BiasLabels(1, "b") }, "1 labels for the 5 nodes of layer 1"},
	} {
		if msg := testkit.MustPanic(t, tc.f); !strings.Contains(msg, tc.want) {
			t.Errorf("panic %q, want it to contain %q", msg, tc.want)
		}
	}
}
