package plot

import (
	"strings"
	"testing"
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
	if msg := mustPanic(t, func() { Network(4) }); !strings.Contains(msg, "plot.Network: need at least 2 layer sizes, got [4]") {
		t.Errorf("panic %q", msg)
	}
	if msg := mustPanic(t, func() { Network(4, 0) }); !strings.Contains(msg, "positive") {
		t.Errorf("panic %q", msg)
	}
	if msg := mustPanic(t, func() { Network(4, 3).InputLabels("a") }); !strings.Contains(msg, "plot.Network.InputLabels: 1 labels for 4 inputs") {
		t.Errorf("panic %q", msg)
	}
}
