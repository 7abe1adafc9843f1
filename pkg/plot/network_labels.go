package plot

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bias stands for a layer's bias node where a node index is asked for
// (EdgeLabelsFrom): the node BiasNode adds.
const Bias = -1

// edgeLabel is the label of the edge from node from of layer to node to
// of layer+1; into is set when it was given by EdgeLabelsTo.
type edgeLabel struct {
	layer, from, to int
	text            string
	into            bool
}

func (c *NetworkChart) hasBias(l int) int {
	if _, ok := c.biasNodes[l]; ok {
		return 1
	}
	return 0
}

func (c *NetworkChart) edgeLabel(l, from, to int) (string, bool) {
	for _, e := range c.edgeLabels {
		if e.layer == l && e.from == from && e.to == to {
			return e.text, true
		}
	}
	return "", false
}

// drawn is the number of nodes drawn for layer l, or a panic naming op
// when l is not a layer or is too big to label.
func (c *NetworkChart) drawn(op string, l int) int {
	if l < 0 || l >= len(c.sizes) {
		panic(fmt.Sprintf("plot.Network.%s: layer %d out of range: the network has layers 0..%d", op, l, len(c.sizes)-1))
	}
	if c.sizes[l] > maxDrawn {
		panic(fmt.Sprintf("plot.Network.%s: layer %d has %d nodes; only layers of at most %d nodes are drawn whole and can be labelled", op, l, c.sizes[l], maxDrawn))
	}
	return c.sizes[l]
}

// NodeLabels writes a label inside each node of layer l (0 is the input
// layer), as the chapters name them: NodeLabels(0, "x₀", "x₁", "x₂", "x₃").
// Labels are short (two or three characters fit); for words such as the
// iris features use InputLabels / OutputLabels, drawn beside the nodes.
func (c *NetworkChart) NodeLabels(l int, labels ...string) *NetworkChart {
	c.nodeLabels = c.perNode("NodeLabels", c.nodeLabels, l, labels)
	return c
}

// BiasLabels writes each node's bias above it, as chapter 1's figure puts
// b₀ … b₄ at the hidden nodes: BiasLabels(1, "b₀", "b₁", "b₂", "b₃", "b₄").
func (c *NetworkChart) BiasLabels(l int, labels ...string) *NetworkChart {
	c.biasLabels = c.perNode("BiasLabels", c.biasLabels, l, labels)
	return c
}

// perNode sets m[l] (m made if nil) to labels, one for each drawn node of layer l,
// panicking in method's name when the count differs.
func (c *NetworkChart) perNode(method string, m map[int][]string, l int, labels []string) map[int][]string {
	if n := c.drawn(method, l); len(labels) != n {
		panic(fmt.Sprintf("plot.Network.%s: %d labels for the %d nodes of layer %d", method, len(labels), n, l))
	}
	if m == nil {
		m = map[int][]string{}
	}
	m[l] = labels
	return m
}

// BiasNode adds a bias node (a square, labelled label, for example "x₀"
// or "1") above the nodes of layer l, joined to every node of the next
// layer, as chapter 4's figure draws the bias as one more input whose
// value is always 1. The output layer has none.
func (c *NetworkChart) BiasNode(l int, label string) *NetworkChart {
	if l < 0 || l >= len(c.sizes)-1 {
		panic(fmt.Sprintf("plot.Network.BiasNode: layer %d has no next layer to feed (bias nodes go in layers 0..%d)", l, len(c.sizes)-2))
	}
	if c.biasNodes == nil {
		c.biasNodes = map[int]string{}
	}
	c.biasNodes[l] = label
	return c
}

// EdgeLabelsFrom labels the edges from node `from` of layer l (or its bias
// node, with from = Bias) to each node of layer l+1, in order, and draws
// them darker: chapter 1's w₀ … w₄ from the first input to the five hidden
// nodes is EdgeLabelsFrom(0, 0, "w₀", "w₁", "w₂", "w₃", "w₄").
func (c *NetworkChart) EdgeLabelsFrom(l, from int, labels ...string) *NetworkChart {
	if l < 0 || l >= len(c.sizes)-1 {
		panic(fmt.Sprintf("plot.Network.EdgeLabelsFrom: layer %d has no edges to a next layer (use 0..%d)", l, len(c.sizes)-2))
	}
	c.checkFrom("EdgeLabelsFrom", l, from)
	n := c.drawn("EdgeLabelsFrom", l+1)
	if len(labels) != n {
		panic(fmt.Sprintf("plot.Network.EdgeLabelsFrom: %d labels for the %d edges into layer %d", len(labels), n, l+1))
	}
	for j, s := range labels {
		c.edgeLabels = append(c.edgeLabels, edgeLabel{layer: l, from: from, to: j, text: s})
	}
	return c
}

// EdgeLabelsTo labels the edges into node `to` of layer l+1 from each node
// of layer l, in order, the bias node first when layer l has one, and
// draws them darker: chapter 4's w₁₀ … w₁₄ into y₁ is
// BiasNode(0, "x₀").EdgeLabelsTo(0, 0, "w₁₀", "w₁₁", "w₁₂", "w₁₃", "w₁₄").
func (c *NetworkChart) EdgeLabelsTo(l, to int, labels ...string) *NetworkChart {
	if l < 0 || l >= len(c.sizes)-1 {
		panic(fmt.Sprintf("plot.Network.EdgeLabelsTo: layer %d has no edges to a next layer (use 0..%d)", l, len(c.sizes)-2))
	}
	if m := c.drawn("EdgeLabelsTo", l+1); to < 0 || to >= m {
		panic(fmt.Sprintf("plot.Network.EdgeLabelsTo: node %d out of range: layer %d has nodes 0..%d", to, l+1, m-1))
	}
	n := c.drawn("EdgeLabelsTo", l)
	b := c.hasBias(l)
	if len(labels) != n+b {
		what := ""
		if b == 1 {
			what = " (its bias node first)"
		}
		panic(fmt.Sprintf("plot.Network.EdgeLabelsTo: %d labels for the %d edges from layer %d%s", len(labels), n+b, l, what))
	}
	for i, s := range labels {
		c.edgeLabels = append(c.edgeLabels, edgeLabel{layer: l, from: i - b, to: to, text: s, into: true})
	}
	return c
}

func (c *NetworkChart) checkFrom(op string, l, from int) {
	if from == Bias {
		if c.hasBias(l) == 0 {
			panic(fmt.Sprintf("plot.Network.%s: layer %d has no bias node (add one with BiasNode first)", op, l))
		}
		return
	}
	if n := c.drawn(op, l); from < 0 || from >= n {
		panic(fmt.Sprintf("plot.Network.%s: node %d out of range: layer %d has nodes 0..%d (or Bias)", op, from, l, n-1))
	}
}

// labelBox writes s centred at p on a white box, so that edges under it
// do not cross the text.
func labelBox(dc draw.Canvas, st text.Style, p vg.Point, s string) {
	w, h := st.Width(s), st.Height(s)
	pad := px(2)
	box := vg.Rectangle{
		Min: vg.Point{X: p.X - w/2 - pad, Y: p.Y - h/2 - pad/2},
		Max: vg.Point{X: p.X + w/2 + pad, Y: p.Y + h/2 + pad/2},
	}
	dc.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xee})
	dc.Fill(box.Path())
	dc.FillText(st, p, s)
}
