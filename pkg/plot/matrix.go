package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Palette maps a value to a colour, given the range the chart settled on.
type Palette int

const (
	// Gray maps the low end of the range to black and the high end to white,
	// as matplotlib's imshow(cmap='gray').
	Gray Palette = iota
	// Diverging maps 0 to white, negative values to greys and positive
	// values to reds, darker with magnitude, as the chapter's tables of
	// feature maps colour their cells. The range is symmetric around 0.
	Diverging
)

var (
	negFull = color.RGBA{0x6e, 0x6e, 0x6e, 0xff} // the darkest grey, at -max
	posFull = color.RGBA{0xd0, 0x10, 0x10, 0xff} // the darkest red, at +max
)

func (p Palette) color(v, lo, hi float64) color.RGBA {
	if math.IsNaN(v) {
		return color.RGBA{0xff, 0x00, 0xff, 0xff}
	}
	switch p {
	case Diverging:
		m := math.Max(math.Abs(lo), math.Abs(hi))
		if m == 0 {
			return color.RGBA{0xff, 0xff, 0xff, 0xff}
		}
		t := math.Min(math.Abs(v)/m, 1)
		full := posFull
		if v < 0 {
			full = negFull
		}
		return mix(color.RGBA{0xff, 0xff, 0xff, 0xff}, full, t)
	default:
		t := 0.5
		if hi > lo {
			t = math.Min(math.Max((v-lo)/(hi-lo), 0), 1)
		}
		g := uint8(math.Round(255 * t))
		return color.RGBA{g, g, g, 0xff}
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// MatrixChart draws 2-D arrays as grids of coloured cells: grayscale images
// (Image, Images) or heatmaps with a diverging palette (Heatmap, Heatmaps),
// one panel per array, with optional titles and the values written in the
// cells.
type MatrixChart struct {
	frame
	op      string
	panels  []matrix
	titles  []string
	cols    int
	palette Palette
	values  bool
	format  string
	rng     *[2]float64
	shared  bool
	marked  map[int]bool // panels Mark drew in red
	rowAxis *axis        // RowLabels
	colAxis *axis        // ColLabels
}

// Image draws one 2-D array as a grayscale picture (min black, max white):
// [][]float64, a 2-D tensor or [1 H W] / [1 1 H W], or a flat slice of
// square length such as a 784-pixel MNIST row. It also takes any
// image.Image (the *image.Gray of datasets.Images.Image, RGBA, NRGBA,
// Paletted, ...), drawn with its own colours and levels, unscaled.
func Image(a any) *MatrixChart {
	return newMatrixChart("Image", []matrix{toMatrix("Image", a)}, Gray)
}

// Images draws a batch of 2-D arrays as a grid of grayscale pictures:
// [][][]float64, []any of what Image takes, []image.Image, []*image.Gray,
// or a tensor [N H W] or [N C H W] (N*C pictures). Each picture is scaled to its own min..max.
func Images(batch any) *MatrixChart {
	return newMatrixChart("Images", toMatrices("Images", batch), Gray)
}

// Heatmap draws one 2-D array (a kernel, a feature map) with the
// Diverging palette: negative grey, zero white, positive red.
func Heatmap(a any) *MatrixChart {
	return newMatrixChart("Heatmap", []matrix{toMatrix("Heatmap", a)}, Diverging)
}

// Heatmaps draws a batch of 2-D arrays (for example feature maps of shape
// [N C H W]) as a grid of heatmaps sharing one colour scale, so their
// colours compare.
func Heatmaps(batch any) *MatrixChart {
	c := newMatrixChart("Heatmaps", toMatrices("Heatmaps", batch), Diverging)
	c.shared = true
	return c
}

func newMatrixChart(op string, panels []matrix, p Palette) *MatrixChart {
	if len(panels) == 0 {
		panic(fmt.Sprintf("plot.%s: no arrays to draw", op))
	}
	for _, m := range panels {
		if m.rows == 0 || m.cols == 0 {
			panic(emptyMessage(op, []int{m.rows, m.cols}))
		}
	}
	c := &MatrixChart{op: op, panels: panels, palette: p, shared: p == Diverging}
	c.cols = int(math.Ceil(math.Sqrt(float64(len(panels)))))
	if len(panels) <= 4 {
		c.cols = len(panels)
	}
	c.autoSize()
	return c
}

// autoSize picks a size that gives cells of a readable size: big enough
// for written values, small enough that a 28x28 digit fits a screen.
func (c *MatrixChart) autoSize() {
	rows := (len(c.panels) + c.cols - 1) / c.cols
	cell := 300.0 / float64(max(c.panels[0].rows, c.panels[0].cols))
	if len(c.panels) > 1 {
		cell = math.Min(cell, 160/float64(max(c.panels[0].rows, c.panels[0].cols)))
	}
	if c.values {
		cell = math.Max(cell, 34)
	}
	left, bottom := c.axisMargins()
	pw := cell*float64(c.panels[0].cols) + left
	ph := cell*float64(c.panels[0].rows) + bottom
	titleH := 0.0
	if c.titles != nil {
		titleH = 22
	}
	top := 12.0
	if c.title != "" {
		top = 36
	}
	w := float64(c.cols)*(pw+16) + 16
	h := top + float64(rows)*(ph+titleH+14) + 8
	c.w, c.h = int(math.Round(math.Min(w, 1600))), int(math.Round(math.Min(h, 1600)))
}

// Titles sets one title per panel, drawn above it.
func (c *MatrixChart) Titles(t ...string) *MatrixChart {
	if len(t) != len(c.panels) {
		panic(fmt.Sprintf("plot.%s.Titles: %d titles for %d panels", c.op, len(t), len(c.panels)))
	}
	c.titles = t
	c.autoSize()
	return c
}

// Cols sets how many panels go in one row of the grid.
func (c *MatrixChart) Cols(n int) *MatrixChart {
	if n < 1 {
		panic(fmt.Sprintf("plot.%s.Cols: %d columns", c.op, n))
	}
	c.cols = min(n, len(c.panels))
	c.autoSize()
	return c
}

// Values writes each cell's value in it, with format (fmt verbs, e.g.
// "%.2f"); an empty format prints integers without decimals and other
// values with two.
func (c *MatrixChart) Values(format string) *MatrixChart {
	c.values, c.format = true, format
	c.autoSize()
	return c
}

// Range fixes the values mapped to the ends of the palette (for Gray, lo
// is black and hi is white; for Diverging, max(|lo|, |hi|) is the darkest).
func (c *MatrixChart) Range(lo, hi float64) *MatrixChart {
	c.rng = &[2]float64{lo, hi}
	return c
}

// OwnScale colours each panel by its own range. By default Heatmaps share
// one scale across panels, so that a weak response (the circle's ±1
// against the cross's 9) looks weak; OwnScale shows each panel's pattern
// at full contrast instead.
func (c *MatrixChart) OwnScale() *MatrixChart { c.shared = false; return c }

// Palette changes the palette (Gray or Diverging).
func (c *MatrixChart) Palette(p Palette) *MatrixChart { c.palette = p; return c }

// Title sets a title over the whole grid.
func (c *MatrixChart) Title(s string) *MatrixChart { c.title = s; c.autoSize(); return c }

// Size sets the image size in pixels (by default it follows the arrays'
// shapes and the number of panels).
func (c *MatrixChart) Size(w, h int) *MatrixChart { c.setSize(c.op, w, h); return c }

// PNG implements Chart.
func (c *MatrixChart) PNG() ([]byte, error) { return renderPNG(c) }

// SVG implements Chart.
func (c *MatrixChart) SVG() ([]byte, error) { return renderSVG(c) }

// Save implements Chart.
func (c *MatrixChart) Save(path string) error { return save(c, path) }

// Show implements Chart.
func (c *MatrixChart) Show() { show(c) }

// rangeOf returns the value range panel i is coloured by.
func (c *MatrixChart) rangeOf(i int) (lo, hi float64) {
	if c.rng != nil {
		return c.rng[0], c.rng[1]
	}
	if c.panels[i].native {
		return 0, 255
	}
	ps := c.panels[i : i+1]
	if c.shared {
		ps = c.panels
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range ps {
		for _, v := range p.data {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

func (c *MatrixChart) cellText(v float64) string {
	if c.format != "" {
		return fmt.Sprintf(c.format, v)
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e9 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func (c *MatrixChart) draw(dc draw.Canvas) {
	area := dc
	if paintBackground(dc, c.title) {
		area = draw.Crop(dc, 0, 0, 0, -px(30))
	}
	rows := (len(c.panels) + c.cols - 1) / c.cols
	tiles := draw.Tiles{
		Rows: rows, Cols: c.cols,
		PadTop: px(8), PadBottom: px(8), PadLeft: px(8), PadRight: px(8),
		PadX: px(12), PadY: px(10),
	}
	for i, m := range c.panels {
		tile := tiles.At(area, i%c.cols, i/c.cols)
		if c.titles != nil {
			st := textStyle(11)
			if c.marked[i] {
				st = boldStyle(11)
				st.Color = markColor
			}
			st.YAlign = draw.YTop
			tile.FillText(st, vg.Point{X: tile.Center().X, Y: tile.Max.Y}, c.titles[i])
			tile = draw.Crop(tile, 0, 0, 0, -px(20))
		}
		if c.rowAxis != nil || c.colAxis != nil {
			left, bottom := c.axisMargins()
			tile = draw.Crop(tile, px(left), 0, px(bottom), 0)
		}
		lo, hi := c.rangeOf(i)
		outer := c.drawPanel(tile, m, lo, hi)
		if c.marked[i] {
			drawMark(tile, outer)
		}
		c.drawAxes(tile, outer, m.rows, m.cols)
	}
}

// drawPanel draws m as square cells, as large as fit in the tile, centred,
// and returns the rectangle the cells cover.
func (c *MatrixChart) drawPanel(tile draw.Canvas, m matrix, lo, hi float64) vg.Rectangle {
	tw, th := tile.Max.X-tile.Min.X, tile.Max.Y-tile.Min.Y
	// Cells are a whole number of pixels, aligned to the pixel grid, so
	// every cell of a panel gets the same pixels and edges stay sharp.
	cellPx := math.Max(1, math.Floor(math.Min(float64(tw)/float64(m.cols), float64(th)/float64(m.rows))*dpi/72))
	cell := px(cellPx)
	x0 := snap(tile.Min.X + (tw-cell*vg.Length(m.cols))/2)
	y1 := snap(tile.Max.Y - (th-cell*vg.Length(m.rows))/2) // row 0 at the top
	if !c.values {
		c.drawRaster(tile, m, lo, hi, x0, y1, cell)
	} else {
		font := textStyle(math.Min(11, float64(cell)*0.38))
		for r := 0; r < m.rows; r++ {
			for k := 0; k < m.cols; k++ {
				v := m.at(r, k)
				col := c.cellColor(m, r*m.cols+k, lo, hi)
				rect := vg.Rectangle{
					Min: vg.Point{X: x0 + vg.Length(k)*cell, Y: y1 - vg.Length(r+1)*cell},
					Max: vg.Point{X: x0 + vg.Length(k+1)*cell, Y: y1 - vg.Length(r)*cell},
				}
				tile.SetColor(col)
				tile.Fill(rect.Path())
				st := font
				st.Color = inkColor
				if luminance(col) < 0.5 {
					st.Color = color.White
				}
				tile.FillText(st, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}, c.cellText(v))
			}
		}
	}
	outer := vg.Rectangle{Min: vg.Point{X: x0, Y: y1 - cell*vg.Length(m.rows)}, Max: vg.Point{X: x0 + cell*vg.Length(m.cols), Y: y1}}
	if c.values {
		// A table's inner rules, as in the chapter's tables of numbers.
		sty := draw.LineStyle{Color: color.RGBA{0xbb, 0xbb, 0xbb, 0xff}, Width: px(1)}
		for k := 1; k < m.cols; k++ {
			x := x0 + vg.Length(k)*cell
			tile.StrokeLine2(sty, x, outer.Min.Y, x, outer.Max.Y)
		}
		for r := 1; r < m.rows; r++ {
			y := y1 - vg.Length(r)*cell
			tile.StrokeLine2(sty, outer.Min.X, y, outer.Max.X, y)
		}
	}
	tile.SetLineStyle(draw.LineStyle{Color: color.RGBA{0x88, 0x88, 0x88, 0xff}, Width: px(1)})
	tile.Stroke(outer.Path())
	return outer
}

// snap rounds a length to whole pixels.
func snap(l vg.Length) vg.Length {
	return px(math.Round(float64(l) * dpi / 72))
}

func luminance(c color.RGBA) float64 {
	return (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
}

// String describes the chart, for error messages and tests.
func (c *MatrixChart) String() string {
	shapes := make([]string, len(c.panels))
	for i, p := range c.panels {
		shapes[i] = fmt.Sprintf("%dx%d", p.rows, p.cols)
	}
	return fmt.Sprintf("plot.%s[%s]", c.op, strings.Join(shapes, " "))
}

// drawRaster draws m as one image scaled up by nearest neighbour to the
// panel's size in pixels: filling cells one by one leaves anti-aliased
// seams between them, and letting the canvas scale a tiny image blurs it.
func (c *MatrixChart) drawRaster(tile draw.Canvas, m matrix, lo, hi float64, x0, y1, cell vg.Length) {
	wpx := int(math.Round(float64(cell) * float64(m.cols) * dpi / 72))
	hpx := int(math.Round(float64(cell) * float64(m.rows) * dpi / 72))
	wpx, hpx = max(wpx, m.cols), max(hpx, m.rows)
	img := image.NewRGBA(image.Rect(0, 0, wpx, hpx))
	for y := 0; y < hpx; y++ {
		r := y * m.rows / hpx
		for x := 0; x < wpx; x++ {
			img.SetRGBA(x, y, c.cellColor(m, r*m.cols+x*m.cols/wpx, lo, hi))
		}
	}
	rect := vg.Rectangle{
		Min: vg.Point{X: x0, Y: y1 - cell*vg.Length(m.rows)},
		Max: vg.Point{X: x0 + cell*vg.Length(m.cols), Y: y1},
	}
	tile.DrawImage(rect, img)
}

// cellColor is the colour of value i of m: a picture's own colour, or the
// palette's.
func (c *MatrixChart) cellColor(m matrix, i int, lo, hi float64) color.RGBA {
	if m.rgb != nil && c.palette == Gray {
		return m.rgb[i]
	}
	return c.palette.color(m.data[i], lo, hi)
}
