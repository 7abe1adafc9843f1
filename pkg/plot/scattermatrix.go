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

// ScatterMatrixChart draws every pair of features against each other,
// coloured by class, with each feature's histogram per class on the
// diagonal, as seaborn's pairplot draws the iris data.
type ScatterMatrixChart struct {
	frame
	data       matrix
	classes    []int
	features   []string
	classNames []string
}

// ScatterMatrix draws the features of data (N samples x F features:
// [][]float64 or a tensor [N F], iris's [150 4]) pairwise, coloured by
// classes (N class indices: []int, []int64 or a tensor), with the feature
// names along the edges and a legend of classNames:
//
//	plot.ScatterMatrix(iris.Data, iris.Target, []string{"がく片の長さ", "がく片の幅", "花びらの長さ", "花びらの幅"}, []string{"setosa", "versicolor", "virginica"}).Show()
func ScatterMatrix(data, classes any, featureNames, classNames []string) *ScatterMatrixChart {
	m := toMatrix("ScatterMatrix", data)
	cls := toVector("ScatterMatrix", classes)
	if len(cls) != m.rows {
		panic(fmt.Sprintf("plot.ScatterMatrix: %d samples but %d classes", m.rows, len(cls)))
	}
	if len(featureNames) != m.cols {
		panic(fmt.Sprintf("plot.ScatterMatrix: %d feature names for %d features", len(featureNames), m.cols))
	}
	if m.cols > 8 {
		panic(fmt.Sprintf("plot.ScatterMatrix: %d features make %d panels; pick at most 8 features", m.cols, m.cols*m.cols))
	}
	c := &ScatterMatrixChart{data: m, features: featureNames, classNames: classNames}
	for i, v := range cls {
		k := int(v)
		if float64(k) != v || k < 0 || k >= len(classNames) {
			panic(fmt.Sprintf("plot.ScatterMatrix: sample %d has class %v; classes must be 0..%d, one per class name", i, v, len(classNames)-1))
		}
		c.classes = append(c.classes, k)
	}
	c.w, c.h = 140*m.cols+90, 140*m.cols+110
	return c
}

// Title sets the chart's title.
func (c *ScatterMatrixChart) Title(s string) *ScatterMatrixChart { c.title = s; return c }

// Size sets the image size in pixels (default 140 per feature, plus margins).
func (c *ScatterMatrixChart) Size(w, h int) *ScatterMatrixChart {
	c.setSize("ScatterMatrix", w, h)
	return c
}

// PNG implements Chart.
func (c *ScatterMatrixChart) PNG() ([]byte, error) { return renderPNG(c) }

// SVG implements Chart.
func (c *ScatterMatrixChart) SVG() ([]byte, error) { return renderSVG(c) }

// Save implements Chart.
func (c *ScatterMatrixChart) Save(path string) error { return save(c, path) }

// Show implements Chart.
func (c *ScatterMatrixChart) Show() { show(c) }

func (c *ScatterMatrixChart) column(j int) []float64 {
	out := make([]float64, c.data.rows)
	for i := range out {
		out[i] = c.data.at(i, j)
	}
	return out
}

func (c *ScatterMatrixChart) draw(dc draw.Canvas) {
	top := px(10)
	if paintBackground(dc, c.title) {
		top += px(26)
	}
	// Legend: a dot and a name per class, in one centred row.
	lst := textStyle(10)
	lst.XAlign = draw.XLeft
	var legendW vg.Length
	for _, n := range c.classNames {
		legendW += px(16) + lst.Width(n) + px(14)
	}
	x := dc.Center().X - legendW/2
	y := dc.Max.Y - top - px(8)
	for k, n := range c.classNames {
		dc.DrawGlyph(draw.GlyphStyle{Color: seriesColor(k), Radius: px(4), Shape: draw.CircleGlyph{}}, vg.Point{X: x + px(5), Y: y})
		dc.FillText(lst, vg.Point{X: x + px(14), Y: y}, n)
		x += px(16) + lst.Width(n) + px(14)
	}
	top += px(24)

	f := c.data.cols
	area := draw.Crop(dc, px(50), -px(8), px(44), -top)
	tiles := draw.Tiles{Rows: f, Cols: f, PadX: px(6), PadY: px(6)}
	cols := make([][]float64, f)
	for j := range cols {
		cols[j] = c.column(j)
	}
	for r := 0; r < f; r++ {
		for k := 0; k < f; k++ {
			tile := tiles.At(area, k, r)
			p := c.panel(cols, r, k)
			p.Draw(tile)
			if r == f-1 {
				st := textStyle(10)
				st.YAlign = draw.YTop
				dc.FillText(st, vg.Point{X: (tile.Min.X + tile.Max.X) / 2, Y: area.Min.Y - px(22)}, c.features[k])
			}
			if k == 0 {
				st := textStyle(10)
				st.Rotation = math.Pi / 2
				st.YAlign = draw.YBottom
				dc.FillText(st, vg.Point{X: area.Min.X - px(34), Y: (tile.Min.Y + tile.Max.Y) / 2}, c.features[r])
			}
		}
	}
}

// panel builds the plot of row r, column k: feature k across, feature r
// up, or feature r's histograms per class where r == k.
func (c *ScatterMatrixChart) panel(cols [][]float64, r, k int) *gplot.Plot {
	p := gplot.New()
	p.BackgroundColor = color.Transparent
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Tick.Label = textStyle(8)
		a.Tick.Length = px(3)
		a.Color, a.Tick.Color = inkColor, inkColor
		a.Padding = px(2)
		a.Label.TextStyle = textStyle(8)
	}
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Tick.Label.XAlign = draw.XRight
	f := c.data.cols
	p.X.Tick.Marker, p.Y.Tick.Marker = sparseTicks{}, sparseTicks{}
	if r != f-1 {
		p.X.Tick.Label.Color = color.Transparent
	}
	if k != 0 {
		p.Y.Tick.Label.Color = color.Transparent
	}
	if r == k {
		lo, hi := minMax(cols[k])
		const bins = 12
		width := (hi - lo) / bins
		if width == 0 {
			width = 1
		}
		for cl := range c.classNames {
			counts := make([]float64, bins)
			for i, v := range cols[k] {
				if c.classes[i] == cl {
					b := min(int((v-lo)/width), bins-1)
					counts[b]++
				}
			}
			pts := plotter.XYs{{X: lo, Y: 0}}
			for b, n := range counts {
				x0 := lo + float64(b)*width
				pts = append(pts, plotter.XY{X: x0, Y: n}, plotter.XY{X: x0 + width, Y: n})
			}
			pts = append(pts, plotter.XY{X: hi, Y: 0})
			l, _ := plotter.NewLine(pts)
			col := seriesColor(cl)
			l.LineStyle = draw.LineStyle{Color: col, Width: px(1.5)}
			l.FillColor = color.NRGBA{col.R, col.G, col.B, 0x40}
			p.Add(l)
		}
		p.Y.Tick.Label.Color = color.Transparent // counts, not feature r
		return p
	}
	for cl := range c.classNames {
		var pts plotter.XYs
		for i := range cols[k] {
			if c.classes[i] == cl {
				pts = append(pts, plotter.XY{X: cols[k][i], Y: cols[r][i]})
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			continue // NaN or Inf values: gonum cannot place them
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(cl), Radius: px(2.2), Shape: draw.CircleGlyph{}}
		p.Add(sc)
	}
	return p
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}

// sparseTicks labels three or four values per small panel.
type sparseTicks struct{}

func (sparseTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) {
		return niceTicks{}.Ticks(lo, hi)
	}
	step := niceStep((hi - lo) / 4)
	var out []gplot.Tick
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+step*1e-9; v += step {
		out = append(out, gplot.Tick{Value: v, Label: trimFloat(v, step)})
	}
	return out
}

func trimFloat(v, step float64) string {
	prec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if math.Abs(v) < step*1e-9 {
		v = 0
	}
	return fmt.Sprintf("%.*f", prec, v)
}
