package plot

import (
	"image/color"

	xfont "golang.org/x/image/font"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Dash is the pattern of a line: Solid, Dotted or Dashed.
type Dash int

const (
	Solid Dash = iota
	Dotted
	Dashed
)

func (d Dash) pattern() []vg.Length {
	switch d {
	case Dotted:
		return []vg.Length{vg.Points(1.5), vg.Points(2.5)}
	case Dashed:
		return []vg.Length{vg.Points(6), vg.Points(3)}
	}
	return nil
}

// echarts returns the line type name echarts uses for d.
func (d Dash) echarts() string {
	switch d {
	case Dotted:
		return "dotted"
	case Dashed:
		return "dashed"
	}
	return "solid"
}

// seriesColors is matplotlib's default cycle ("tab10"), so a chart looks
// like the chapter's figure next to it.
var seriesColors = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xff, 0x7f, 0x0e, 0xff}, // orange
	{0x2c, 0xa0, 0x2c, 0xff}, // green
	{0xd6, 0x27, 0x28, 0xff}, // red
	{0x94, 0x67, 0xbd, 0xff}, // purple
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0xe3, 0x77, 0xc2, 0xff}, // pink
	{0x7f, 0x7f, 0x7f, 0xff}, // grey
	{0xbc, 0xbd, 0x22, 0xff}, // olive
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
}

func seriesColor(i int) color.RGBA { return seriesColors[i%len(seriesColors)] }

func hexColor(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return "#" + hex2(r>>8) + hex2(g>>8) + hex2(b>>8)
}

func hex2(v uint32) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4&0xf], digits[v&0xf]})
}

var (
	guideColor = color.RGBA{0x44, 0x44, 0x44, 0xff}
	gridColor  = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	inkColor   = color.RGBA{0x22, 0x22, 0x22, 0xff}
)

// sans is the typeface of every label: Liberation Sans ships inside
// gonum/plot, so rendering needs no system fonts. It has no Japanese
// glyphs: textHandler draws those with the embedded Japanese font.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func textStyle(size float64) text.Style {
	return text.Style{
		Color:   inkColor,
		Font:    font.From(sans, vg.Points(size)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: textHandler,
	}
}

func boldStyle(size float64) text.Style {
	s := textStyle(size)
	s.Font.Weight = xfont.WeightBold
	return s
}

// px converts screen pixels (at the 96 DPI the PNGs are rendered at) to
// gonum's points.
func px(n float64) vg.Length { return vg.Length(n * 72 / dpi) }

const dpi = 96

// paintBackground paints a chart's canvas white and, when title is not empty, writes
// the title in bold, centred, its top px(10) below the canvas's top edge; it reports
// whether it wrote one, for the chart to make room below it.
func paintBackground(dc draw.Canvas, title string) bool {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	if title == "" {
		return false
	}
	st := boldStyle(13)
	st.YAlign = draw.YTop
	dc.FillText(st, vg.Point{X: dc.Center().X, Y: dc.Max.Y - px(10)}, title)
	return true
}
