package plot

import (
	"math"
	"strings"
	"testing"
)

// Chapter 5's loss curve with the tangent at w = 1.95 (slope = the
// gradient -0.1) and its dotted guides.
func TestLossCurveWithTangent(t *testing.T) {
	var outputs, losses []float64
	for i := 0; i <= 40; i++ {
		o := 1.9 + 0.005*float64(i)
		outputs, losses = append(outputs, o), append(losses, (o-2)*(o-2))
	}
	base := Line(outputs, losses).Marker(1.95, 0.0025).
		HSegment(0, 1.9, 2.1, Dotted).HSegment(0.0025, 1.9, 1.95, Dotted).VSegment(1.95, 0, 0.0025, Dotted).
		XLabel("出力").YLabel("損失")
	before, _ := base.PNG()
	c := base.Tangent(1.95, 0.0025, -0.1, 0.03, Solid)
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 640, 420)
	if n := countColor(decodePNG(t, before, 640, 420), tangentColor); n != 0 {
		t.Fatalf("%d tangent-red pixels before the tangent was added", n)
	}
	// A slanted line is anti-aliased: count reddish pixels.
	red := func(x, y int) bool { c := rgba(img.At(x, y)); return c.R > 150 && c.G < 100 && c.B < 100 }
	var left, right, nl, nr, sx float64
	for y := 0; y < 420; y++ {
		for x := 0; x < 640; x++ {
			if red(x, y) {
				sx, nl = sx+float64(x), nl+1
			}
		}
	}
	if nl < 150 {
		t.Fatalf("tangent drew %.0f reddish pixels", nl)
	}
	// The tangent falls to the right at slope -0.1: its red pixels right
	// of its middle lie lower (larger image y) than those left of it.
	mx := sx / nl
	nl = 0
	for y := 0; y < 420; y++ {
		for x := 0; x < 640; x++ {
			if red(x, y) {
				if float64(x) < mx {
					left, nl = left+float64(y), nl+1
				} else {
					right, nr = right+float64(y), nr+1
				}
			}
		}
	}
	if !(right/nr > left/nl+20) {
		t.Errorf("tangent's right half at mean y %.0f, left half at %.0f: want it falling", right/nr, left/nl)
	}
	sg := c.segments[0]
	if math.Abs(sg.y0-0.0055) > 1e-12 || math.Abs(sg.y1-(-0.0005)) > 1e-12 || sg.x0 != 1.92 || math.Abs(sg.x1-1.98) > 1e-12 {
		t.Errorf("tangent segment %+v, want (1.92, 0.0055)-(1.98, -0.0005)", sg)
	}
}

// Chapter 2's predictions against targets: dots, and the y = x line
// where a prediction is right.
func TestScatterDiagonal(t *testing.T) {
	targets := []float64{0, 0, 1, 1, 2, 2}
	preds := []float64{0.1, -0.05, 0.9, 1.2, 1.8, 2.1}
	c := Scatter(targets, preds).Label("予測値").Diagonal(Dashed).XLabel("正解").YLabel("予測")
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 640, 420)
	blue := seriesColor(0)
	// Six dots in three columns (targets 0, 1, 2) and the legend's dot,
	// and no line joining them: four separate runs of columns.
	if n := runs(img, blue, false); n != 4 {
		t.Errorf("blue dots in %d column runs, want 4 (three targets and the legend)", n)
	}
	if n := countColor(img, blue); n > 7*200 {
		t.Errorf("%d blue pixels: more than seven dots' worth (is a line drawn?)", n)
	}
	// The diagonal: gray pixels (anti-aliased dashes) inside the data
	// area, below the legend, from the lower left to the upper right.
	gx0, gy0 := 1e9, 0.0
	gx1, gy1 := -1.0, 0.0
	for y := 70; y < 360; y++ {
		for x := 80; x < 600; x++ {
			if c := rgba(img.At(x, y)); c.R < 180 && absDiff(c.R, c.G) < 10 && absDiff(c.G, c.B) < 10 {
				if float64(x) < gx0 {
					gx0, gy0 = float64(x), float64(y)
				}
				if float64(x) > gx1 {
					gx1, gy1 = float64(x), float64(y)
				}
			}
		}
	}
	if !(gx1-gx0 > 300 && gy0-gy1 > 200) {
		t.Errorf("diagonal from (%.0f, %.0f) to (%.0f, %.0f): want a long rising line", gx0, gy0, gx1, gy1)
	}
	// The interactive form shows the dots as symbols without a line.
	opt := c.Interactive().Options()[0]
	if !strings.Contains(opt, `"showSymbol":true`) || !strings.Contains(opt, `"opacity":0`) {
		t.Errorf("interactive scatter option lacks dots-only styling: %.300s", opt)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
