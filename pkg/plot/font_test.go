package plot

import (
	"image"
	"reflect"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// renderText draws s with handler h at 20pt on a 300x60 pixel canvas.
func renderText(h text.Handler, s string) image.Image {
	c := vgimg.NewWith(vgimg.UseWH(px(300), px(60)), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	dc.SetColor(image.White.C)
	dc.Fill(dc.Rectangle.Path())
	sty := textStyle(20)
	sty.Handler = h
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	dc.FillText(sty, vg.Point{X: px(10), Y: px(30)}, s)
	return c.Image()
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if rgba(a.At(x, y)) != rgba(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

func TestLatinTextUnchanged(t *testing.T) {
	// Latin labels are drawn exactly as gonum's plain handler with
	// Liberation Sans draws them: the fallback changes nothing for them.
	for _, s := range []string{"loss", "epoch 10: 0.0025", "w₀ × x₀ + b₀", "sepal length (cm)"} {
		if !samePixels(renderText(textHandler, s), renderText(gplot.DefaultTextHandler, s)) {
			t.Errorf("%q is drawn differently from text.Plain with Liberation Sans", s)
		}
	}
}

func TestJapaneseGlyphsDrawn(t *testing.T) {
	loadFonts()
	// The glyphs drawn for Japanese text are the embedded font's: the
	// handler's pixels equal those of the Japanese face drawn directly.
	want := func(s string) image.Image {
		c := vgimg.NewWith(vgimg.UseWH(px(300), px(60)), vgimg.UseDPI(dpi))
		dc := draw.New(c)
		dc.SetColor(image.White.C)
		dc.Fill(dc.Rectangle.Path())
		sty := textStyle(20)
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
		ext := sty.FontExtents()
		jp := font.Face{Font: font.Font{Typeface: jpTypeface, Size: sty.Font.Size}, Face: jpFont}
		dc.SetColor(sty.Color)
		// One line centred on y: text.Plain's placement of the baseline.
		y := px(30) - (ext.Ascent+ext.Descent)/2 - ext.Ascent + sty.Font.Size
		dc.FillString(jp, vg.Point{X: px(10), Y: y}, s)
		return c.Image()
	}
	for _, s := range []string{"損失", "がく片の長さ", "アヤメ"} {
		got := renderText(textHandler, s)
		if nonWhite(got) < 100 {
			t.Fatalf("%q: only %d pixels drawn", s, nonWhite(got))
		}
		if !samePixels(got, want(s)) {
			t.Errorf("%q is not drawn with the embedded Japanese glyphs", s)
		}
		// What gonum's plain handler draws (its Liberation font has no
		// such glyphs) is not that.
		if samePixels(got, renderText(gplot.DefaultTextHandler, s)) {
			t.Errorf("%q: the fallback drew what Liberation alone draws", s)
		}
	}
	if samePixels(renderText(textHandler, "損失"), renderText(textHandler, "失損")) {
		t.Error("損失 and 失損 draw the same pixels: glyphs are not told apart")
	}
}

func TestMixedRuns(t *testing.T) {
	runs := splitRuns("損失 (loss) 🙂", textStyle(10).Font)
	var kinds []fontKind
	var texts []string
	for _, r := range runs {
		kinds = append(kinds, r.kind)
		texts = append(texts, r.text)
		if r.width <= 0 {
			t.Errorf("run %q has width %v", r.text, r.width)
		}
	}
	if want := []fontKind{jpRun, latinRun, tofuRun}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("runs %q of kinds %v, want %v", texts, kinds, want)
	}
}

func TestMissingGlyphsVisible(t *testing.T) {
	// Every kana, the iris and loss words of the chapters, and the series'
	// symbols are in the fonts.
	var kana []rune
	for r := rune(0x3041); r <= 0x3096; r++ {
		kana = append(kana, r)
	}
	for r := rune(0x30A1); r <= 0x30FA; r++ {
		kana = append(kana, r)
	}
	for _, s := range []string{string(kana), "がく片の長さ がく片の幅 花びらの長さ 花びらの幅 損失 出力 正解 予測値 正解値 中間層 入力層 出力層",
		"①②③ → ≈ ± × ÷ ² ³ ₀₁₂₃ ・「」『』（）、。：？！", "ヒストグラム 混同行列 誤差逆伝播 勾配降下法 学習率 畳み込み 鬱 龍 齟齬"} {
		if m := MissingGlyphs(s); len(m) != 0 {
			t.Errorf("MissingGlyphs(%q) = %q", s, string(m))
		}
	}
	// A rune neither font has (an emoji, Thai, and even ≒, which Noto Sans
	// CJK JP lacks) is reported and drawn as a
	// visible box, not dropped.
	if m := MissingGlyphs("ok 🙂 ก ≒"); string(m) != "🙂ก≒" {
		t.Errorf("MissingGlyphs = %q, want 🙂ก≒", string(m))
	}
	tofu := renderText(textHandler, "🙂")
	if n := nonWhite(tofu); n < 30 {
		t.Errorf("a missing glyph drew %d pixels: it must be a visible box", n)
	}
	if samePixels(renderText(textHandler, "a🙂b"), renderText(textHandler, "ab")) {
		t.Error("a missing glyph takes no room")
	}
}

func TestJapaneseTitleOnChart(t *testing.T) {
	// A chart's Japanese title and axis labels put ink where they are:
	// compare the chart with and without them.
	xs, ys := []float64{1.9, 2, 2.1}, []float64{0.01, 0, 0.01}
	plain, err := Line(xs, ys).PNG()
	if err != nil {
		t.Fatal(err)
	}
	titled, err := Line(xs, ys).Title("出力と損失").XLabel("出力").YLabel("損失").PNG()
	if err != nil {
		t.Fatal(err)
	}
	a, b := decodePNG(t, plain, 640, 420), decodePNG(t, titled, 640, 420)
	// The title band (top 30 pixels, right of the y tick labels) is white
	// without a title, inked with.
	band := func(img image.Image, r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				// Text is dark gray; the series' line is blue.
				if c := rgba(img.At(x, y)); c.R < 128 && c.B < 128 {
					n++
				}
			}
		}
		return n
	}
	top := image.Rect(100, 0, 640, 30)
	if n := band(a, top); n != 0 {
		t.Errorf("untitled chart has %d dark pixels in the title band", n)
	}
	if n := band(b, top); n < 80 {
		t.Errorf("Japanese title drew %d dark pixels, want a title's worth", n)
	}
	if n := band(b, image.Rect(100, 400, 640, 420)); n < 30 {
		t.Errorf("Japanese x label drew %d dark pixels", n)
	}
}
