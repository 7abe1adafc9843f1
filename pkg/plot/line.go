package plot

import (
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LineChart draws one or more series as lines, with optional markers,
// guide lines, grid and legend. Build it with Line, chain options, and end
// with Show or Save:
//
//	plot.Line(nil, trainLoss).Label("train").Add(nil, validLoss).Label("validation").Grid().Show()
//
// (see ExampleLineChart_Add).
type LineChart struct {
	frame
	series         []series
	markers        []marker
	guides         []guide
	segments       []segment
	diagonal       *Dash
	xlabel, ylabel string
	grid           bool
	xr, yr         *[2]float64
}

type series struct {
	xs, ys []float64
	label  string
	dash   Dash
	color  color.RGBA
	points bool // drawn as dots, without a line
}

type marker struct {
	x, y  float64
	color color.RGBA
}

// guide is a horizontal (vertical == false) or vertical line at pos from
// lo to hi; full is set when it spans the whole axis.
type guide struct {
	vertical bool
	pos      float64
	lo, hi   float64
	full     bool
	dash     Dash
}

// Line starts a line chart with one series. ys is a []float64, []float32,
// []int or a tensor (read with ToFloat64s). xs is the same kinds or nil,
// which means 0, 1, 2, ... like Python's range(len(ys)).
func Line(xs, ys any) *LineChart {
	c := &LineChart{frame: frame{w: 640, h: 420}}
	return c.Add(xs, ys)
}

// Add adds another series; see Line for what xs and ys may be.
func (c *LineChart) Add(xs, ys any) *LineChart {
	y := toVector("Line", ys)
	var x []float64
	if xs == nil {
		x = make([]float64, len(y))
		for i := range x {
			x[i] = float64(i)
		}
	} else {
		x = toVector("Line", xs)
	}
	if len(x) != len(y) {
		panic(fmt.Sprintf("plot.Line: %d x values but %d y values", len(x), len(y)))
	}
	if len(y) == 0 {
		panic("plot.Line: empty series")
	}
	c.series = append(c.series, series{xs: x, ys: y, color: seriesColor(len(c.series))})
	return c
}

// Label names the most recently added series; named series appear in the
// legend.
func (c *LineChart) Label(name string) *LineChart {
	c.series[len(c.series)-1].label = name
	return c
}

// Style sets the dash pattern of the most recently added series.
func (c *LineChart) Style(d Dash) *LineChart {
	c.series[len(c.series)-1].dash = d
	return c
}

// Points draws the most recently added series as dots without a line, as
// matplotlib's scatter does.
func (c *LineChart) Points() *LineChart {
	c.series[len(c.series)-1].points = true
	return c
}

// Scatter starts a chart whose first series is drawn as dots: Scatter(xs,
// ys) is Line(xs, ys).Points(). Chapter 2's predictions against targets:
//
//	plot.Scatter(targets, outputs).Label("予測値").Diagonal(plot.Dashed).XLabel("正解").YLabel("予測").Show()
func Scatter(xs, ys any) *LineChart { return Line(xs, ys).Points() }

// Diagonal draws the line y = x across the chart: where a prediction
// equals its target.
func (c *LineChart) Diagonal(d Dash) *LineChart { c.diagonal = &d; return c }

// Segment draws a straight line from (x0, y0) to (x1, y1) in the guide
// colour.
func (c *LineChart) Segment(x0, y0, x1, y1 float64, d Dash) *LineChart {
	c.segments = append(c.segments, segment{x0: x0, y0: y0, x1: x1, y1: y1, dash: d, color: guideColor})
	return c
}

// Tangent draws the line of the given slope through (x, y), from
// x-halfWidth to x+halfWidth, in red: chapter 5's tangent of the loss at
// w = 1.95, whose slope is the gradient -0.1, is Tangent(1.95, 0.0025, -0.1, 0.03, plot.Solid).
func (c *LineChart) Tangent(x, y, slope, halfWidth float64, d Dash) *LineChart {
	c.segments = append(c.segments, segment{x0: x - halfWidth, y0: y - slope*halfWidth, x1: x + halfWidth, y1: y + slope*halfWidth, dash: d, color: tangentColor})
	return c
}

// Marker draws a round point at (x, y), as matplotlib's plot(x, y, marker='o').
func (c *LineChart) Marker(x, y float64) *LineChart {
	c.markers = append(c.markers, marker{x: x, y: y, color: seriesColor(len(c.series) + len(c.markers))})
	return c
}

// HLine draws a horizontal guide line at y across the whole chart.
func (c *LineChart) HLine(y float64, d Dash) *LineChart {
	c.guides = append(c.guides, guide{pos: y, full: true, dash: d})
	return c
}

// VLine draws a vertical guide line at x across the whole chart.
func (c *LineChart) VLine(x float64, d Dash) *LineChart {
	c.guides = append(c.guides, guide{vertical: true, pos: x, full: true, dash: d})
	return c
}

// HSegment draws a horizontal guide line at y from x0 to x1, as
// matplotlib's hlines(y, x0, x1).
func (c *LineChart) HSegment(y, x0, x1 float64, d Dash) *LineChart {
	c.guides = append(c.guides, guide{pos: y, lo: x0, hi: x1, dash: d})
	return c
}

// VSegment draws a vertical guide line at x from y0 to y1, as
// matplotlib's vlines(x, y0, y1).
func (c *LineChart) VSegment(x, y0, y1 float64, d Dash) *LineChart {
	c.guides = append(c.guides, guide{vertical: true, pos: x, lo: y0, hi: y1, dash: d})
	return c
}

// Grid draws light grid lines at the ticks.
func (c *LineChart) Grid() *LineChart { c.grid = true; return c }

// Title sets the chart's title.
func (c *LineChart) Title(s string) *LineChart { c.title = s; return c }

// XLabel sets the label under the x axis.
func (c *LineChart) XLabel(s string) *LineChart { c.xlabel = s; return c }

// YLabel sets the label beside the y axis.
func (c *LineChart) YLabel(s string) *LineChart { c.ylabel = s; return c }

// XRange fixes the x axis to [lo, hi] instead of fitting the data.
func (c *LineChart) XRange(lo, hi float64) *LineChart { c.xr = &[2]float64{lo, hi}; return c }

// YRange fixes the y axis to [lo, hi] instead of fitting the data.
func (c *LineChart) YRange(lo, hi float64) *LineChart { c.yr = &[2]float64{lo, hi}; return c }

// Size sets the image size in pixels (default 640x420).
func (c *LineChart) Size(w, h int) *LineChart { c.setSize("Line", w, h); return c }

// PNG implements Chart.
func (c *LineChart) PNG() ([]byte, error) { return renderPNG(c) }

// SVG implements Chart.
func (c *LineChart) SVG() ([]byte, error) { return renderSVG(c) }

// Save implements Chart.
func (c *LineChart) Save(path string) error { return save(c, path) }

// Show implements Chart.
func (c *LineChart) Show() { show(c) }

func (c *LineChart) draw(dc draw.Canvas) {
	paintBackground(dc, "")
	p := c.gonum()
	p.Draw(draw.Crop(dc, px(8), -px(22), px(6), -px(10)))
}

// gonum builds the gonum/plot Plot of the chart.
func (c *LineChart) gonum() *gplot.Plot {
	p := gplot.New()
	p.Title.Text = c.title
	p.Title.TextStyle = boldStyle(13)
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = px(10)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(11)
		a.Label.TextStyle.YAlign = draw.YBottom
		a.Label.Padding = px(4)
		a.Tick.Label = textStyle(10)
		a.Tick.Label.XAlign, a.Tick.Label.YAlign = draw.XCenter, draw.YTop
		a.Tick.Length = px(5)
		a.Color, a.Tick.Color = inkColor, inkColor
		a.Padding = px(4)
	}
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.X.Label.Text, p.Y.Label.Text = c.xlabel, c.ylabel
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{integer: c.integerX()}, niceTicks{}

	if c.grid {
		g := plotter.NewGrid()
		g.Vertical = draw.LineStyle{Color: gridColor, Width: px(1)}
		g.Horizontal = g.Vertical
		p.Add(g)
	}
	var labelled []series
	for _, s := range c.series {
		if s.points {
			sc, err := plotter.NewScatter(xyOf(s.xs, s.ys))
			if err != nil {
				sc, _ = plotter.NewScatter(finiteXY(s.xs, s.ys))
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: s.color, Radius: px(3.5), Shape: draw.CircleGlyph{}}
			p.Add(sc)
			if s.label != "" {
				labelled = append(labelled, s)
			}
			continue
		}
		l, err := plotter.NewLine(xyOf(s.xs, s.ys))
		if err != nil {
			// NewLine only fails on NaN or Inf values: drop those points.
			l, _ = plotter.NewLine(finiteXY(s.xs, s.ys))
		}
		l.LineStyle = draw.LineStyle{Color: s.color, Width: px(2), Dashes: s.dash.pattern()}
		p.Add(l)
		if s.label != "" {
			labelled = append(labelled, s)
		}
	}
	for _, g := range c.guides {
		p.Add(guidePlotter{g})
	}
	for _, sg := range c.segments {
		p.Add(sg)
	}
	if c.diagonal != nil {
		p.Add(diagonalPlotter{*c.diagonal})
	}
	for _, m := range c.markers {
		sc, err := plotter.NewScatter(plotter.XYs{{X: m.x, Y: m.y}})
		if err != nil {
			panic(fmt.Sprintf("plot.Line.Marker: point (%v, %v) is not finite", m.x, m.y))
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: m.color, Radius: px(5), Shape: draw.CircleGlyph{}}
		p.Add(sc)
	}
	if c.xr != nil {
		p.X.Min, p.X.Max = c.xr[0], c.xr[1]
	}
	if c.yr != nil {
		p.Y.Min, p.Y.Max = c.yr[0], c.yr[1]
	}
	if len(labelled) > 0 {
		top, left := c.legendCorner(p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
		p.Add(legendPlotter{entries: labelled, top: top, left: left})
	}
	return p
}

// legendCorner picks the corner of the data area that covers the fewest
// data points (matplotlib's loc="best", simplified), preferring top right.
func (c *LineChart) legendCorner(x0, x1, y0, y1 float64) (top, left bool) {
	type corner struct{ top, left bool }
	corners := []corner{{true, false}, {true, true}, {false, false}, {false, true}}
	best, bestN := corners[0], math.MaxInt
	for _, k := range corners {
		n := 0
		for _, s := range c.series {
			for i := range s.xs {
				fx := (s.xs[i] - x0) / (x1 - x0)
				fy := (s.ys[i] - y0) / (y1 - y0)
				inX := fx >= 0.55
				if k.left {
					inX = fx <= 0.45
				}
				inY := fy >= 0.7
				if !k.top {
					inY = fy <= 0.3
				}
				if inX && inY {
					n++
				}
			}
		}
		if n < bestN {
			best, bestN = k, n
		}
	}
	return best.top, best.left
}

func xyOf(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i].X, pts[i].Y = xs[i], ys[i]
	}
	return pts
}

func finiteXY(xs, ys []float64) plotter.XYs {
	var pts plotter.XYs
	for i := range xs {
		if !math.IsNaN(xs[i]) && !math.IsInf(xs[i], 0) && !math.IsNaN(ys[i]) && !math.IsInf(ys[i], 0) {
			pts = append(pts, plotter.XY{X: xs[i], Y: ys[i]})
		}
	}
	if len(pts) == 0 {
		panic("plot.Line: no finite values in series")
	}
	return pts
}

// guidePlotter draws a guide line; full-span lines take the axis range at
// draw time, so they reach the edges however the axes were fitted.
type guidePlotter struct{ g guide }

func (gp guidePlotter) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	g := gp.g
	sty := draw.LineStyle{Color: guideColor, Width: px(1.5), Dashes: g.dash.pattern()}
	var a, b vg.Point
	if g.vertical {
		lo, hi := g.lo, g.hi
		if g.full {
			lo, hi = p.Y.Min, p.Y.Max
		}
		a, b = vg.Point{X: trX(g.pos), Y: trY(lo)}, vg.Point{X: trX(g.pos), Y: trY(hi)}
	} else {
		lo, hi := g.lo, g.hi
		if g.full {
			lo, hi = p.X.Min, p.X.Max
		}
		a, b = vg.Point{X: trX(lo), Y: trY(g.pos)}, vg.Point{X: trX(hi), Y: trY(g.pos)}
	}
	c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{a, b})...)
}

// DataRange makes the axes include the guide; a full-span line adds
// nothing along its own direction.
func (gp guidePlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	g := gp.g
	inf := math.Inf(1)
	switch {
	case g.vertical && g.full:
		return g.pos, g.pos, inf, -inf
	case g.vertical:
		return g.pos, g.pos, math.Min(g.lo, g.hi), math.Max(g.lo, g.hi)
	case g.full:
		return inf, -inf, g.pos, g.pos
	}
	return math.Min(g.lo, g.hi), math.Max(g.lo, g.hi), g.pos, g.pos
}

// segment is a straight line between two data points.
type segment struct {
	x0, y0, x1, y1 float64
	dash           Dash
	color          color.RGBA
}

var tangentColor = color.RGBA{0xd6, 0x27, 0x28, 0xff} // matplotlib's tab:red

func (sg segment) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: sg.color, Width: px(1.5), Dashes: sg.dash.pattern()}
	c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: trX(sg.x0), Y: trY(sg.y0)}, {X: trX(sg.x1), Y: trY(sg.y1)}})...)
}

func (sg segment) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Min(sg.x0, sg.x1), math.Max(sg.x0, sg.x1), math.Min(sg.y0, sg.y1), math.Max(sg.y0, sg.y1)
}

// diagonalPlotter draws y = x over whatever range the axes settle on.
type diagonalPlotter struct{ dash Dash }

func (d diagonalPlotter) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	lo, hi := math.Max(p.X.Min, p.Y.Min), math.Min(p.X.Max, p.Y.Max)
	if !(hi > lo) {
		return // the axes' ranges do not meet: y = x is not in view
	}
	sty := draw.LineStyle{Color: guideColor, Width: px(1.5), Dashes: d.dash.pattern()}
	c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: trX(lo), Y: trY(lo)}, {X: trX(hi), Y: trY(hi)}})...)
}
