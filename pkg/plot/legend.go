package plot

import (
	"image/color"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendPlotter draws the legend as the last layer of the data area, in a
// white box with a thin border so curves under it do not cross the text
// (gonum's own legend has no background).
type legendPlotter struct {
	entries   []series
	top, left bool
}

func (lp legendPlotter) Plot(c draw.Canvas, _ *gplot.Plot) {
	sty := textStyle(10)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	thumb := px(26)
	pad := px(7)
	lineH := sty.Height("Mg") + px(5)
	var textW vg.Length
	for _, e := range lp.entries {
		textW = max(textW, sty.Width(e.label))
	}
	w := pad + thumb + px(6) + textW + pad
	h := pad*2 + lineH*vg.Length(len(lp.entries)) - px(4)
	margin := px(8)
	x0 := c.Max.X - margin - w
	if lp.left {
		x0 = c.Min.X + margin
	}
	y1 := c.Max.Y - margin
	if !lp.top {
		y1 = c.Min.Y + margin + h
	}
	box := vg.Rectangle{Min: vg.Point{X: x0, Y: y1 - h}, Max: vg.Point{X: x0 + w, Y: y1}}
	c.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xe6})
	c.Fill(box.Path())
	c.SetLineStyle(draw.LineStyle{Color: color.RGBA{0xcc, 0xcc, 0xcc, 0xff}, Width: px(1)})
	c.Stroke(box.Path())
	for i, e := range lp.entries {
		y := y1 - pad - lineH*vg.Length(i) - lineH/2 + px(2)
		if e.points {
			c.DrawGlyph(draw.GlyphStyle{Color: e.color, Radius: px(3.5), Shape: draw.CircleGlyph{}}, vg.Point{X: x0 + pad + thumb/2, Y: y})
		} else {
			ls := draw.LineStyle{Color: e.color, Width: px(2), Dashes: e.dash.pattern()}
			c.StrokeLine2(ls, x0+pad, y, x0+pad+thumb, y)
		}
		c.FillText(sty, vg.Point{X: x0 + pad + thumb + px(6), Y: y}, e.label)
	}
}
