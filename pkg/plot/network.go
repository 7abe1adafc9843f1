package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// NetworkChart draws a fully connected network: one column of nodes per
// layer, every node joined to every node of the next layer.
type NetworkChart struct {
	frame
	sizes        []int
	layerNames   []string
	inputLabels  []string
	outputLabels []string
	nodeLabels   map[int][]string // layer -> label inside each drawn node
	biasLabels   map[int][]string // layer -> label beside each drawn node
	biasNodes    map[int]string   // layer -> label of its bias node
	edgeLabels   []edgeLabel
}

// maxDrawn is the most nodes drawn in one column; a bigger layer (MNIST's
// 784 inputs) shows its first and last nodes with a vertical ellipsis
// between them, and its size in the layer's caption.
const maxDrawn = 10

var (
	layerFill = []color.RGBA{
		{0xc6, 0xdb, 0xef, 0xff}, // input: light blue
		{0xc7, 0xe9, 0xc0, 0xff}, // hidden: light green
		{0xfd, 0xd0, 0xa2, 0xff}, // output: light orange
	}
	nodeEdge   = color.RGBA{0x33, 0x33, 0x33, 0xff}
	edgeInk    = color.RGBA{0x8a, 0x9b, 0xb0, 0xff}
	markedEdge = color.RGBA{0x1f, 0x4e, 0x8c, 0xff} // labelled edges
	biasFill   = color.RGBA{0xf2, 0xe8, 0xd5, 0xff} // bias nodes: light beige
)

// layerFillOf is the fill of layer l of layers, the same in the still and the
// interactive diagram.
func layerFillOf(l, layers int) color.RGBA {
	switch l {
	case 0:
		return layerFill[0]
	case layers - 1:
		return layerFill[2]
	}
	return layerFill[1]
}

// Network draws a fully connected network with the given layer sizes,
// inputs first: Network(4, 5, 3) is the iris net of chapter 1 (4 inputs, 5
// hidden nodes, 3 outputs).
func Network(sizes ...int) *NetworkChart {
	if len(sizes) < 2 {
		panic(fmt.Sprintf("plot.Network: need at least 2 layer sizes, got %v", sizes))
	}
	for _, n := range sizes {
		if n < 1 {
			panic(fmt.Sprintf("plot.Network: layer sizes must be positive, got %v", sizes))
		}
	}
	c := &NetworkChart{frame: frame{w: 560, h: 400}, sizes: append([]int(nil), sizes...)}
	c.layerNames = make([]string, len(sizes))
	for i, n := range sizes {
		switch i {
		case 0:
			c.layerNames[i] = fmt.Sprintf("input (%d)", n)
		case len(sizes) - 1:
			c.layerNames[i] = fmt.Sprintf("output (%d)", n)
		default:
			c.layerNames[i] = fmt.Sprintf("hidden (%d)", n)
		}
	}
	return c
}

// LayerNames replaces the captions under the layers.
func (c *NetworkChart) LayerNames(names ...string) *NetworkChart {
	if len(names) != len(c.sizes) {
		panic(fmt.Sprintf("plot.Network.LayerNames: %d names for %d layers", len(names), len(c.sizes)))
	}
	c.layerNames = names
	return c
}

// InputLabels writes a label left of each input node (for example the
// iris features).
func (c *NetworkChart) InputLabels(labels ...string) *NetworkChart {
	if len(labels) != c.sizes[0] || c.sizes[0] > maxDrawn {
		panic(fmt.Sprintf("plot.Network.InputLabels: %d labels for %d inputs (at most %d can be labelled)", len(labels), c.sizes[0], maxDrawn))
	}
	c.inputLabels = labels
	return c
}

// OutputLabels writes a label right of each output node (for example the
// class names).
func (c *NetworkChart) OutputLabels(labels ...string) *NetworkChart {
	n := c.sizes[len(c.sizes)-1]
	if len(labels) != n || n > maxDrawn {
		panic(fmt.Sprintf("plot.Network.OutputLabels: %d labels for %d outputs (at most %d can be labelled)", len(labels), n, maxDrawn))
	}
	c.outputLabels = labels
	return c
}

// Title sets the chart's title.
func (c *NetworkChart) Title(s string) *NetworkChart { c.title = s; return c }

// Size sets the image size in pixels (default 560x400).
func (c *NetworkChart) Size(w, h int) *NetworkChart { c.setSize("Network", w, h); return c }

// PNG implements Chart.
func (c *NetworkChart) PNG() ([]byte, error) { return renderPNG(c) }

// SVG implements Chart.
func (c *NetworkChart) SVG() ([]byte, error) { return renderSVG(c) }

// Save implements Chart.
func (c *NetworkChart) Save(path string) error { return save(c, path) }

// Show implements Chart.
func (c *NetworkChart) Show() { show(c) }

// node is one drawn node; ellipsis marks the gap in a shortened layer.
type node struct {
	x, y     float64 // in [0,1] of the drawing area, y up
	ellipsis bool
}

// layout places the nodes in unit coordinates, which both the PNG and the
// interactive chart use.
func (c *NetworkChart) layout() [][]node {
	out, _ := c.positions()
	return out
}

// positions places the drawn nodes and, for layers that have one, the
// bias node above them (nil for the other layers).
func (c *NetworkChart) positions() ([][]node, []*node) {
	biggest := 0
	for l, n := range c.sizes {
		biggest = max(biggest, min(n, maxDrawn)+c.hasBias(l))
	}
	bias := make([]*node, len(c.sizes))
	out := make([][]node, len(c.sizes))
	for l, n := range c.sizes {
		x := 0.5
		if len(c.sizes) > 1 {
			x = float64(l) / float64(len(c.sizes)-1)
		}
		slots := min(n, maxDrawn)
		b := c.hasBias(l)
		// Nodes sit on a common vertical pitch, centred per layer; a bias
		// node takes the top slot.
		yAt := func(k int) float64 {
			if biggest == 1 {
				return 0.5
			}
			return 0.5 + (float64(slots+b-1)/2-float64(k))/float64(biggest-1)
		}
		if b == 1 {
			bias[l] = &node{x: x, y: yAt(0)}
		}
		for i := 0; i < slots; i++ {
			out[l] = append(out[l], node{x: x, y: yAt(i + b), ellipsis: n > maxDrawn && i == slots/2})
		}
	}
	return out, bias
}

func (c *NetworkChart) draw(dc draw.Canvas) {
	top := px(16)
	if paintBackground(dc, c.title) {
		top = px(44)
	}
	left, right := px(56), px(56)
	lbl := textStyle(10)
	for _, s := range c.inputLabels {
		left = max(left, lbl.Width(s)+px(36))
	}
	for _, s := range c.outputLabels {
		right = max(right, lbl.Width(s)+px(36))
	}
	area := draw.Crop(dc, left, -right, px(40), -top)
	layout, bias := c.positions()
	w, h := area.Max.X-area.Min.X, area.Max.Y-area.Min.Y
	biggest := 0
	for l, col := range layout {
		biggest = max(biggest, len(col)+c.hasBias(l))
	}
	pitch := float64(h) / float64(max(biggest, 1))
	r := vg.Length(math.Min(pitch*0.32, float64(px(18))))
	at := func(n node) vg.Point {
		return vg.Point{X: area.Min.X + vg.Length(n.x)*w, Y: area.Min.Y + r + vg.Length(n.y)*(h-2*r)}
	}

	edge := draw.LineStyle{Color: edgeInk, Width: px(1)}
	marked := draw.LineStyle{Color: markedEdge, Width: px(2)}
	// from returns the node edges leave: slot i of layer l, or its bias
	// node for i == Bias.
	from := func(l, i int) node {
		if i == Bias {
			return *bias[l]
		}
		return layout[l][i]
	}
	for l := 0; l+1 < len(layout); l++ {
		starts := []int{}
		if bias[l] != nil {
			starts = append(starts, Bias)
		}
		for i := range layout[l] {
			starts = append(starts, i)
		}
		for _, i := range starts {
			a := from(l, i)
			for j, b := range layout[l+1] {
				if a.ellipsis || b.ellipsis {
					continue
				}
				sty := edge
				if _, ok := c.edgeLabel(l, i, j); ok {
					sty = marked
				}
				dc.StrokeLine2(sty, at(a).X+r, at(a).Y, at(b).X-r, at(b).Y)
			}
		}
	}
	// Marked edges again on top, so crossing plain edges do not cut them.
	for _, e := range c.edgeLabels {
		a, b := from(e.layer, e.from), layout[e.layer+1][e.to]
		dc.StrokeLine2(marked, at(a).X+r, at(a).Y, at(b).X-r, at(b).Y)
	}
	outline := draw.LineStyle{Color: nodeEdge, Width: px(1.5)}
	for l, col := range layout {
		fill := layerFillOf(l, len(layout))
		for i, n := range col {
			p := at(n)
			if n.ellipsis {
				for _, dy := range []vg.Length{-r / 2, 0, r / 2} {
					dot := vg.Point{X: p.X, Y: p.Y + dy}
					dc.DrawGlyph(draw.GlyphStyle{Color: nodeEdge, Radius: px(2), Shape: draw.CircleGlyph{}}, dot)
				}
				continue
			}
			var circle vg.Path
			circle.Move(vg.Point{X: p.X + r, Y: p.Y})
			circle.Arc(p, r, 0, 2*math.Pi)
			circle.Close()
			dc.SetColor(fill)
			dc.Fill(circle)
			dc.SetLineStyle(outline)
			dc.Stroke(circle)
			if labels := c.nodeLabels[l]; labels != nil {
				st := textStyle(math.Min(11, float64(r)*0.8))
				dc.FillText(st, p, labels[i])
			}
			if labels := c.biasLabels[l]; labels != nil {
				labelBox(dc, textStyle(10), vg.Point{X: p.X, Y: p.Y + r + px(9)}, labels[i])
			}
			if l == 0 && c.inputLabels != nil {
				st := lbl
				st.XAlign = draw.XRight
				dc.FillText(st, vg.Point{X: p.X - r - px(6), Y: p.Y}, c.inputLabels[i])
			}
			if l == len(layout)-1 && c.outputLabels != nil {
				st := lbl
				st.XAlign = draw.XLeft
				dc.FillText(st, vg.Point{X: p.X + r + px(6), Y: p.Y}, c.outputLabels[i])
			}
		}
		if b := bias[l]; b != nil {
			p := at(*b)
			var sq vg.Path
			sq.Move(vg.Point{X: p.X - r, Y: p.Y - r})
			sq.Line(vg.Point{X: p.X + r, Y: p.Y - r})
			sq.Line(vg.Point{X: p.X + r, Y: p.Y + r})
			sq.Line(vg.Point{X: p.X - r, Y: p.Y + r})
			sq.Close()
			dc.SetColor(biasFill)
			dc.Fill(sq)
			dc.SetLineStyle(outline)
			dc.Stroke(sq)
			dc.FillText(textStyle(math.Min(11, float64(r)*1.2)), p, c.biasNodes[l])
		}
		st := textStyle(11)
		st.YAlign = draw.YTop
		dc.FillText(st, vg.Point{X: area.Min.X + vg.Length(col[0].x)*w, Y: area.Min.Y - px(12)}, c.layerNames[l])
	}
	for _, e := range c.edgeLabels {
		a, b := at(from(e.layer, e.from)), at(layout[e.layer+1][e.to])
		a.X += r
		b.X -= r
		// A fan from one node spreads out towards its far end, a fan into
		// one node towards its near end: put each label where they part.
		t := 0.68
		if e.into {
			t = 0.32
		}
		labelBox(dc, textStyle(10), vg.Point{X: a.X + vg.Length(t)*(b.X-a.X), Y: a.Y + vg.Length(t)*(b.Y-a.Y)}, e.text)
	}
}
