package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// markColor is the red of a marked panel's frame and title.
var markColor = color.RGBA{0xd0, 0x10, 0x10, 0xff}

// Mark draws the frames and titles of the given panels (0-based, in the
// order the panels were given) in red, with a thicker frame, so that the
// pictures to look at twice stand out in a grid: chapter 7's misclassified
// test digits among the correctly recognised ones,
//
//	plot.Images(batch).Titles(titles...).Mark(wrong...).Show()
//
// Marking a panel twice is the same as once; an index outside the panels
// panics. Marks are drawn in the PNG and SVG; Interactive leaves them out.
func (c *MatrixChart) Mark(panels ...int) *MatrixChart {
	for _, i := range panels {
		if i < 0 || i >= len(c.panels) {
			panic(fmt.Sprintf("plot.%s.Mark: panel %d out of range: the chart has %d panels (0..%d)", c.op, i, len(c.panels), len(c.panels)-1))
		}
		if c.marked == nil {
			c.marked = make(map[int]bool)
		}
		c.marked[i] = true
	}
	return c
}

// drawMark frames a marked panel's picture in red, outside its grey
// border so that no pixel of the picture is covered.
func drawMark(tile draw.Canvas, outer vg.Rectangle) {
	w := px(3)
	r := vg.Rectangle{
		Min: vg.Point{X: outer.Min.X - w/2 - px(1), Y: outer.Min.Y - w/2 - px(1)},
		Max: vg.Point{X: outer.Max.X + w/2 + px(1), Y: outer.Max.Y + w/2 + px(1)},
	}
	tile.SetLineStyle(draw.LineStyle{Color: markColor, Width: w})
	tile.Stroke(r.Path())
}

// axis is a row or column axis of a matrix panel: a title and one label
// per row or column.
type axis struct {
	title  string
	labels []string
}

// RowLabels names the rows of every panel: a label left of each row and a
// title, turned upright, left of the labels. With ColLabels it makes a
// heatmap of counts a confusion matrix,
//
//	digits := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
//	plot.Heatmap(counts).Values("%.0f").RowLabels("正解", digits...).ColLabels("予測", digits...).Show()
//
// The number of labels must equal the number of rows of every panel.
// Labels are drawn in the PNG and SVG; Interactive keeps its 0, 1, … axes.
func (c *MatrixChart) RowLabels(title string, labels ...string) *MatrixChart {
	c.labelAxis("RowLabels", "rows", func(p matrix) int { return p.rows }, &c.rowAxis, title, labels)
	return c
}

// ColLabels names the columns of every panel: a label under each column
// and a title under the labels. The number of labels must equal the number
// of columns of every panel.
func (c *MatrixChart) ColLabels(title string, labels ...string) *MatrixChart {
	c.labelAxis("ColLabels", "columns", func(p matrix) int { return p.cols }, &c.colAxis, title, labels)
	return c
}

// labelAxis checks that every panel has as many rows or columns (count, named unit)
// as there are labels, panicking in method's name otherwise, then sets *dst to the
// axis and resizes the chart for it.
func (c *MatrixChart) labelAxis(method, unit string, count func(matrix) int, dst **axis, title string, labels []string) {
	for i, p := range c.panels {
		if n := count(p); len(labels) != n {
			panic(fmt.Sprintf("plot.%s.%s: %d labels for panel %d's %d %s", c.op, method, len(labels), i, n, unit))
		}
	}
	*dst = &axis{title: title, labels: labels}
	c.autoSize()
}

const (
	axisLabelSize = 11.0
	axisTitleSize = 12.0
)

// axisMargins returns the room, in pixels, the row axis takes left of a
// panel and the column axis under it.
func (c *MatrixChart) axisMargins() (left, bottom float64) {
	if a := c.rowAxis; a != nil {
		st := textStyle(axisLabelSize)
		widest := 0.0
		for _, l := range a.labels {
			widest = math.Max(widest, float64(st.Width(l))*dpi/72)
		}
		left = widest + 8
		if a.title != "" {
			left += 22
		}
	}
	if a := c.colAxis; a != nil {
		bottom = 20
		if a.title != "" {
			bottom += 20
		}
	}
	return left, bottom
}

// drawAxes writes the row and column labels and titles around a panel's
// picture outer, of rows x cols cells.
func (c *MatrixChart) drawAxes(tile draw.Canvas, outer vg.Rectangle, rows, cols int) {
	if a := c.rowAxis; a != nil {
		cell := (outer.Max.Y - outer.Min.Y) / vg.Length(rows)
		st := textStyle(axisLabelSize)
		st.XAlign = draw.XRight
		for r, l := range a.labels {
			tile.FillText(st, vg.Point{X: outer.Min.X - px(5), Y: outer.Max.Y - (vg.Length(r)+0.5)*cell}, l)
		}
		if a.title != "" {
			ts := textStyle(axisTitleSize)
			ts.Rotation = math.Pi / 2
			left, _ := c.axisMargins()
			ts.YAlign = draw.YTop
			tile.FillText(ts, vg.Point{X: outer.Min.X - px(left), Y: (outer.Min.Y + outer.Max.Y) / 2}, a.title)
		}
	}
	if a := c.colAxis; a != nil {
		cell := (outer.Max.X - outer.Min.X) / vg.Length(cols)
		st := textStyle(axisLabelSize)
		st.YAlign = draw.YTop
		for k, l := range a.labels {
			tile.FillText(st, vg.Point{X: outer.Min.X + (vg.Length(k)+0.5)*cell, Y: outer.Min.Y - px(4)}, l)
		}
		if a.title != "" {
			ts := textStyle(axisTitleSize)
			ts.YAlign = draw.YTop
			tile.FillText(ts, vg.Point{X: (outer.Min.X + outer.Max.X) / 2, Y: outer.Min.Y - px(22)}, a.title)
		}
	}
}
