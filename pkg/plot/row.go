package plot

import (
	"fmt"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// RowChart places charts side by side in one image, for example chapter
// 10's loss and accuracy curves.
type RowChart struct {
	frame
	parts  []drawer
	charts []Chart
}

// Row joins charts of this package left to right; the image is as wide as
// their widths together and as tall as the tallest.
func Row(charts ...Chart) *RowChart {
	if len(charts) == 0 {
		panic("plot.Row: no charts")
	}
	r := &RowChart{}
	for i, c := range charts {
		d, ok := c.(drawer)
		if !ok {
			panic(fmt.Sprintf("plot.Row: chart %d (%T) is not a chart of this package", i, c))
		}
		w, h := d.pixels()
		r.w += w
		r.h = max(r.h, h)
		r.parts = append(r.parts, d)
		r.charts = append(r.charts, c)
	}
	return r
}

// PNG implements Chart.
func (r *RowChart) PNG() ([]byte, error) { return renderPNG(r) }

// SVG implements Chart.
func (r *RowChart) SVG() ([]byte, error) { return renderSVG(r) }

// Save implements Chart.
func (r *RowChart) Save(path string) error { return save(r, path) }

// Show implements Chart.
func (r *RowChart) Show() { show(r) }

func (r *RowChart) draw(dc draw.Canvas) {
	paintBackground(dc, "")
	x := dc.Min.X
	for _, p := range r.parts {
		w, h := p.pixels()
		// Each part gets its own size, top-aligned.
		sub := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: dc.Max.Y - px(float64(h))},
			Max: vg.Point{X: x + px(float64(w)), Y: dc.Max.Y},
		}}
		p.draw(sub)
		x += px(float64(w))
	}
}

// Interactive returns the charts as echarts charts side by side (each with
// its own zoom and legend); the PNG of the whole row is the fallback.
func (r *RowChart) Interactive() *Interactive {
	var parts []echartsPart
	for i, c := range r.charts {
		ic, ok := c.(interface{ Interactive() *Interactive })
		if !ok {
			panic(fmt.Sprintf("plot.Row.Interactive: chart %d (%T) has no interactive form", i, c))
		}
		parts = append(parts, ic.Interactive().parts...)
	}
	return newInteractive("", r, parts)
}
