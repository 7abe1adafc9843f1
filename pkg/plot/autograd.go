package plot

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// GraphChart draws the autograd graph behind a tensor as torchviz's
// make_dot does: leaf tensors as blue boxes with their shape, each above
// its AccumulateGrad node, the ops (MulBackward0, MseLossBackward0, ...) as
// gray boxes, and the tensor itself as a green box at the bottom; arrows
// follow the gradient's path backwards, from the leaves down to the loss
// as torchviz draws them.
type GraphChart struct {
	frame
	nodes []gnode
	names map[int]string // node id -> name of its leaf or output
}

// gnode is what the chart keeps of a tensor.GraphNode.
type gnode struct {
	name   string
	inputs []int
	shape  []int
	leaf   bool
	param  bool
	tensor *tensor.Tensor
}

var (
	opFill     = color.RGBA{0xd3, 0xd3, 0xd3, 0xff} // torchviz: lightgrey
	leafFill   = color.RGBA{0xad, 0xd8, 0xe6, 0xff} // torchviz: lightblue
	outputFill = color.RGBA{0xca, 0xff, 0x70, 0xff} // torchviz: darkolivegreen1
)

// AutogradGraph draws the graph autograd recorded behind t, a tensor with a grad_fn
// (chapter 5's loss):
//
//	plot.AutogradGraph(loss).Name(w, "w").Show()
//
// It panics when t has no graph (a leaf, or a tensor computed under NoGrad).
func AutogradGraph(t *tensor.Tensor) *GraphChart {
	graph := tensor.Graph(t)
	if len(graph) == 0 {
		panic("plot.AutogradGraph: the tensor has no grad_fn (a leaf, or computed with grad mode off): there is no graph to draw")
	}
	c := &GraphChart{names: map[int]string{}}
	for _, n := range graph {
		c.nodes = append(c.nodes, gnode{name: n.Name, inputs: n.Inputs, shape: n.Shape, leaf: n.Leaf, param: n.Param, tensor: n.Tensor})
	}
	c.w, c.h = c.autoSize()
	return c
}

// Name gives a leaf tensor (or the drawn tensor itself) a name shown in its
// box above its shape, as make_dot's params={"w": w} does.
func (c *GraphChart) Name(t *tensor.Tensor, name string) *GraphChart {
	for i, n := range c.nodes {
		if (n.leaf || i == 0) && n.tensor == t {
			c.names[i] = name
			return c
		}
	}
	panic(fmt.Sprintf("plot.AutogradGraph.Name: %q is not a leaf of this graph nor its output", name))
}

// Title sets the chart's title.
func (c *GraphChart) Title(s string) *GraphChart {
	c.title = s
	c.w, c.h = c.autoSize()
	return c
}

// Size sets the image size in pixels (by default it follows the graph).
func (c *GraphChart) Size(w, h int) *GraphChart { c.setSize("AutogradGraph", w, h); return c }

// PNG implements Chart.
func (c *GraphChart) PNG() ([]byte, error) { return renderPNG(c) }

// SVG implements Chart.
func (c *GraphChart) SVG() ([]byte, error) { return renderSVG(c) }

// Save implements Chart.
func (c *GraphChart) Save(path string) error { return save(c, path) }

// Show implements Chart.
func (c *GraphChart) Show() { show(c) }

// box is one drawn box: a graph node, a leaf tensor above its
// AccumulateGrad node, or the output tensor under the root.
type box struct {
	lines []string
	fill  color.RGBA
	level int // 0 at the top
	x     float64
}

// boxes lays the graph out in levels: each node sits one level above the
// lowest node that uses it (longest path from the root), so every arrow
// points down.
func (c *GraphChart) boxes() (bs []box, edges [][2]int) {
	depth := make([]int, len(c.nodes))
	// Nodes come breadth first from the root; relax until stable (graphs
	// are small and acyclic).
	for changed := true; changed; {
		changed = false
		for i, n := range c.nodes {
			for _, in := range n.inputs {
				if depth[in] < depth[i]+1 {
					depth[in], changed = depth[i]+1, true
				}
			}
		}
	}
	maxDepth := 0
	for _, d := range depth {
		maxDepth = max(maxDepth, d)
	}
	// Levels from the top: leaf tensors, then nodes by depth, then the output.
	top := 1 // leaves' tensor boxes take level 0
	bs = make([]box, 0, len(c.nodes)+4)
	for i, n := range c.nodes {
		fill := opFill
		bs = append(bs, box{lines: []string{n.name}, fill: fill, level: top + maxDepth - depth[i]})
	}
	for i, n := range c.nodes {
		if n.leaf {
			lines := []string{shapeText(n.shape)}
			if name := c.names[i]; name != "" {
				lines = append([]string{name}, lines...)
			}
			bs = append(bs, box{lines: lines, fill: leafFill, level: bs[i].level - 1})
			edges = append(edges, [2]int{len(bs) - 1, i})
		}
	}
	out := []string{shapeText(c.nodes[0].shape)}
	if name := c.names[0]; name != "" {
		out = append([]string{name}, out...)
	}
	bs = append(bs, box{lines: out, fill: outputFill, level: bs[0].level + 1})
	edges = append(edges, [2]int{0, len(bs) - 1})
	for i, n := range c.nodes {
		for _, in := range n.inputs {
			edges = append(edges, [2]int{in, i})
		}
	}
	// Spread each level's boxes evenly, in the order they were found.
	levels := map[int][]int{}
	for i, b := range bs {
		levels[b.level] = append(levels[b.level], i)
	}
	for _, ids := range levels {
		for k, i := range ids {
			bs[i].x = (float64(k) + 0.5) / float64(len(ids))
		}
	}
	return bs, edges
}

// shapeText prints a shape as torchviz does, a Python tuple: (1, 1), (5,), or () for a
// scalar; the sizes are written as tensor.Size writes torch.Size's.
func shapeText(shape []int) string {
	sizes := strings.TrimSuffix(strings.TrimPrefix(tensor.Size(shape).String(), "torch.Size(["), "])")
	if len(shape) == 1 {
		sizes += ","
	}
	return "(" + sizes + ")"
}

func (c *GraphChart) autoSize() (int, int) {
	bs, _ := c.boxes()
	levels, widest := 0, map[int]int{}
	for _, b := range bs {
		levels = max(levels, b.level+1)
		widest[b.level]++
	}
	most := 0
	for _, n := range widest {
		most = max(most, n)
	}
	w := max(320, most*190)
	h := levels*68 + 24
	if c.title != "" {
		h += 30
	}
	return min(w, 1600), min(h, 1600)
}

func (c *GraphChart) draw(dc draw.Canvas) {
	area := draw.Crop(dc, px(10), -px(10), px(12), -px(12))
	if paintBackground(dc, c.title) {
		area = draw.Crop(area, 0, 0, 0, -px(30))
	}
	bs, edges := c.boxes()
	levels := 0
	for _, b := range bs {
		levels = max(levels, b.level+1)
	}
	st := textStyle(11)
	lineH := st.Height("Mg")
	rects := make([]vg.Rectangle, len(bs))
	pitch := (area.Max.Y - area.Min.Y) / vg.Length(levels)
	for i, b := range bs {
		w := vg.Length(0)
		for _, l := range b.lines {
			w = max(w, st.Width(l))
		}
		w += px(16)
		h := lineH*vg.Length(len(b.lines)) + px(10)
		cx := area.Min.X + vg.Length(b.x)*(area.Max.X-area.Min.X)
		cy := area.Max.Y - pitch*(vg.Length(b.level)+0.5)
		rects[i] = vg.Rectangle{Min: vg.Point{X: cx - w/2, Y: cy - h/2}, Max: vg.Point{X: cx + w/2, Y: cy + h/2}}
	}
	arrow := draw.LineStyle{Color: inkColor, Width: px(1.2)}
	for _, e := range edges {
		a, b := rects[e[0]], rects[e[1]]
		from := vg.Point{X: (a.Min.X + a.Max.X) / 2, Y: a.Min.Y}
		to := vg.Point{X: (b.Min.X + b.Max.X) / 2, Y: b.Max.Y}
		dc.StrokeLine2(arrow, from.X, from.Y, to.X, to.Y)
		// Arrowhead at the lower box.
		ang := math.Atan2(float64(from.Y-to.Y), float64(from.X-to.X))
		size := float64(px(7))
		var head vg.Path
		head.Move(to)
		head.Line(vg.Point{X: to.X + vg.Length(size*math.Cos(ang+0.4)), Y: to.Y + vg.Length(size*math.Sin(ang+0.4))})
		head.Line(vg.Point{X: to.X + vg.Length(size*math.Cos(ang-0.4)), Y: to.Y + vg.Length(size*math.Sin(ang-0.4))})
		head.Close()
		dc.SetColor(inkColor)
		dc.Fill(head)
	}
	outline := draw.LineStyle{Color: nodeEdge, Width: px(1)}
	for i, b := range bs {
		r := rects[i]
		dc.SetColor(b.fill)
		dc.Fill(r.Path())
		dc.SetLineStyle(outline)
		dc.Stroke(r.Path())
		cx := (r.Min.X + r.Max.X) / 2
		for k, l := range b.lines {
			y := r.Max.Y - px(5) - lineH*(vg.Length(k)+0.5)
			dc.FillText(st, vg.Point{X: cx, Y: y}, l)
		}
	}
}
