package plot

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// notoJP is a subset of Noto Sans CJK JP Regular (SIL OFL 1.1, see
// assets/LICENSE.NotoSansCJK.txt and assets/README.md): kana, all JIS X 0208
// kanji and symbols, fullwidth forms and every character of the series. It
// draws what Liberation Sans (gonum/plot's bundled font) has no glyph for.
//
//go:embed assets/NotoSansJP-Kosaku.otf
var notoJP []byte

// jpTypeface names the embedded Japanese font in font descriptors (and in
// SVG output, where a browser's own Japanese font stands in for it).
const jpTypeface = "Noto Sans CJK JP"

var (
	fontsOnce sync.Once
	fonts     *font.Cache // Liberation (all variants) and the Japanese font
	jpFont    *opentype.Font
)

func loadFonts() {
	fontsOnce.Do(func() {
		f, err := opentype.Parse(notoJP)
		if err != nil {
			panic(fmt.Sprintf("plot: the embedded Japanese font does not parse: %v", err))
		}
		jpFont = f
		fonts = font.NewCache(liberation.Collection())
		fonts.Add(font.Collection{{Font: font.Font{Typeface: jpTypeface}, Face: f}})
	})
}

// textHandler draws every label of this package. Each rune is drawn with
// Liberation Sans when it has the glyph (so Latin text looks as it did),
// else with the embedded Japanese font; a rune neither font has is drawn
// as a visible box (tofu), never dropped. Line metrics are Liberation's,
// whose ascent and descent also hold the Japanese glyphs.
var textHandler text.Handler = fallbackHandler{}

type fallbackHandler struct{}

var _ text.Handler = fallbackHandler{}

// Cache implements text.Handler.
func (fallbackHandler) Cache() *font.Cache { loadFonts(); return fonts }

// Extents implements text.Handler.
func (fallbackHandler) Extents(fnt font.Font) font.Extents {
	loadFonts()
	face := fonts.Lookup(fnt, fnt.Size)
	return face.Extents()
}

// Lines implements text.Handler.
func (fallbackHandler) Lines(txt string) []string {
	return strings.Split(strings.TrimRight(txt, "\n"), "\n")
}

// Box implements text.Handler.
func (h fallbackHandler) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	loadFonts()
	face := fonts.Lookup(fnt, fnt.Size)
	ext := face.Extents()
	for _, r := range splitRuns(txt, fnt) {
		width += r.width
	}
	return width, ext.Ascent, ext.Descent
}

// Draw implements text.Handler, as text.Plain does, run by run.
func (h fallbackHandler) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	loadFonts()
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	sin, cos := vg.Length(sin64), vg.Length(cos64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin

	lines := h.Lines(txt)
	face := fonts.Lookup(sty.Font, sty.Font.Size)
	ext := face.Extents()
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - ext.Ascent
	for i, line := range lines {
		runs := splitRuns(line, sty.Font)
		var w vg.Length
		for _, r := range runs {
			w += r.width
		}
		x := pt.X + vg.Length(sty.XAlign)*w
		y := pt.Y + vg.Length(len(lines)-i)*sty.Font.Size
		for _, r := range runs {
			r.draw(c, sty, vg.Point{X: x, Y: y}, ext)
			x += r.width
		}
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

// fontKind says which font draws a run.
type fontKind int

const (
	latinRun fontKind = iota
	jpRun
	tofuRun
)

// run is a stretch of text drawn with one font.
type run struct {
	kind  fontKind
	text  string
	face  font.Face
	width vg.Length
}

// tofuWidth is the advance of one missing-glyph box, in ems.
const tofuWidth = 0.6

func (r run) draw(c vg.Canvas, sty text.Style, at vg.Point, ext font.Extents) {
	switch r.kind {
	case tofuRun:
		// An outlined box per missing rune, as browsers draw one: the text
		// shows that something is missing and where.
		em := sty.Font.Size
		c.SetColor(sty.Color)
		c.SetLineWidth(em * 0.06)
		c.SetLineDash(nil, 0)
		n := len([]rune(r.text))
		for i := 0; i < n; i++ {
			x0 := at.X + vg.Length(i)*em*tofuWidth + em*0.08
			var p vg.Path
			p.Move(vg.Point{X: x0, Y: at.Y})
			p.Line(vg.Point{X: x0 + em*(tofuWidth-0.16), Y: at.Y})
			p.Line(vg.Point{X: x0 + em*(tofuWidth-0.16), Y: at.Y + ext.Ascent*0.8})
			p.Line(vg.Point{X: x0, Y: at.Y + ext.Ascent*0.8})
			p.Close()
			c.Stroke(p)
		}
	default:
		c.SetColor(sty.Color)
		c.FillString(r.face, at, r.text)
		if r.kind == jpRun && sty.Font.Weight >= xfont.WeightBold {
			// The embedded Japanese font has one weight: bold is the
			// regular glyphs drawn twice, a hair apart.
			c.FillString(r.face, vg.Point{X: at.X + sty.Font.Size*0.04, Y: at.Y}, r.text)
		}
	}
}

// splitRuns cuts txt into runs by the font that has each rune's glyph.
func splitRuns(txt string, fnt font.Font) []run {
	loadFonts()
	latin := fonts.Lookup(fnt, fnt.Size)
	jp := font.Face{Font: font.Font{Typeface: jpTypeface, Weight: fnt.Weight, Size: fnt.Size}, Face: jpFont}
	var (
		buf  sfnt.Buffer
		runs []run
	)
	for _, r := range txt {
		kind := tofuRun
		switch {
		case hasGlyph(&buf, latin.Face, r):
			kind = latinRun
		case hasGlyph(&buf, jpFont, r):
			kind = jpRun
		}
		if n := len(runs); n > 0 && runs[n-1].kind == kind {
			runs[n-1].text += string(r)
			continue
		}
		runs = append(runs, run{kind: kind, text: string(r)})
	}
	for i := range runs {
		switch runs[i].kind {
		case latinRun:
			runs[i].face = latin
			runs[i].width = latin.Width(runs[i].text)
		case jpRun:
			runs[i].face = jp
			runs[i].width = jp.Width(runs[i].text)
		case tofuRun:
			runs[i].width = fnt.Size * tofuWidth * vg.Length(len([]rune(runs[i].text)))
		}
	}
	return runs
}

// hasGlyph reports whether f maps r to a glyph. Spaces and other
// whitespace count as present in any font that maps them.
func hasGlyph(buf *sfnt.Buffer, f *opentype.Font, r rune) bool {
	i, err := f.GlyphIndex(buf, r)
	return err == nil && i != 0
}

// MissingGlyphs returns the runes of s that neither Liberation Sans nor the
// embedded Japanese font can draw: a chart draws each as an empty box. Use
// it to check a label before a chart goes into a lesson.
func MissingGlyphs(s string) []rune {
	var out []rune
	for _, r := range splitRuns(s, textStyle(10).Font) {
		if r.kind == tofuRun {
			out = append(out, []rune(r.text)...)
		}
	}
	return out
}
