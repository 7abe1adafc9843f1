package plot

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// chapter5 is the chapter's loss chart: (output - 2)^2 for outputs
// 1.9..2.1, a marker at 1.95 and dotted guide lines.
func chapter5() *LineChart {
	var xs, ys []float64
	for i := 0; i <= 40; i++ {
		x := 1.9 + 0.005*float64(i)
		xs = append(xs, x)
		ys = append(ys, (x-2)*(x-2))
	}
	return Line(xs, ys).Marker(1.95, 0.0025).
		HSegment(0, 1.9, 2.1, Dotted).HSegment(0.0025, 1.9, 1.95, Dotted).VSegment(1.95, 0, 0.0025, Dotted).
		XLabel("output").YLabel("loss")
}

// bounds returns the box of pixels of colour want.
func bounds(img image.Image, want color.RGBA) image.Rectangle {
	r := image.Rectangle{Min: image.Pt(math.MaxInt, math.MaxInt), Max: image.Pt(-1, -1)}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if rgba(img.At(x, y)) == want {
				r.Min.X, r.Min.Y = min(r.Min.X, x), min(r.Min.Y, y)
				r.Max.X, r.Max.Y = max(r.Max.X, x), max(r.Max.Y, y)
			}
		}
	}
	return r
}

func TestLineChapter5MarkerAndGuides(t *testing.T) {
	b, err := chapter5().PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 640, 420)
	blue, orange := seriesColor(0), seriesColor(1)
	if n := countColor(img, blue); n < 500 {
		t.Fatalf("only %d pixels of the curve's blue", n)
	}
	// The curve spans x 1.9..2.1 and y 0..0.01, so its box maps data to
	// pixels; the marker (1.95, 0.0025) must sit a quarter of the way in
	// from the left and a quarter of the way up from the bottom.
	curve := bounds(img, blue)
	mx, my := centroid(t, img, orange)
	wantX := float64(curve.Min.X) + 0.25*float64(curve.Dx())
	wantY := float64(curve.Max.Y) - 0.25*float64(curve.Dy())
	if math.Abs(mx-wantX) > 3 || math.Abs(my-wantY) > 3 {
		t.Errorf("marker centre at (%.1f, %.1f), want (%.1f, %.1f) from curve box %v", mx, my, wantX, wantY, curve)
	}
	if n := countColor(img, orange); n < 50 || n > 150 {
		t.Errorf("marker has %d orange pixels, want a dot of radius 5 (about 80)", n)
	}
	// Left of the marker, at its height, runs the dotted guide at 0.0025:
	// dark and light pixels alternate.
	y := int(math.Round(my))
	changes, dark := 0, false
	for x := curve.Min.X + 4; x < int(mx)-8; x++ {
		d := luminance(rgba(img.At(x, y))) < 0.6
		if d != dark {
			changes++
		}
		dark = d
	}
	if changes < 10 {
		t.Errorf("guide at y=%d: %d dark/light changes, want a dotted line", y, changes)
	}
}

func TestLineTwoSeriesLegendAvoidsData(t *testing.T) {
	var train, valid []float64
	for i := 0; i < 50; i++ {
		train = append(train, 0.99-0.05*math.Exp(-float64(i)/8))
		valid = append(valid, 0.985-0.04*math.Exp(-float64(i)/5))
	}
	c := Line(nil, train).Label("train").Add(nil, valid).Label("validation").Grid().XLabel("epoch")
	// Rising curves fill the top: the legend goes bottom right.
	if top, left := c.legendCorner(0, 49, 0.94, 0.99); top || left {
		t.Errorf("legend corner top=%v left=%v, want bottom right", top, left)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 640, 420)
	border := color.RGBA{0xcc, 0xcc, 0xcc, 0xff}
	x, y := centroid(t, img, border)
	if x < 320 || y < 210 {
		t.Errorf("legend box centred at (%.0f, %.0f), want the bottom-right quarter", x, y)
	}
	if countColor(img, seriesColor(0)) < 300 || countColor(img, seriesColor(1)) < 300 {
		t.Error("both series should be drawn in the first two colours")
	}
	// Grid lines are light grey (anti-aliased where they fall between
	// pixels): count pixels of such greys.
	grey := 0
	for y := 0; y < 420; y++ {
		for x := 0; x < 640; x++ {
			c := rgba(img.At(x, y))
			if c.R == c.G && c.G == c.B && c.R >= 0xd0 && c.R <= 0xf0 {
				grey++
			}
		}
	}
	if grey < 1500 {
		t.Errorf("only %d light grey pixels: grid lines missing", grey)
	}
	// Falling curves (losses) leave the top right free.
	d := Line(nil, []float64{5, 1, 0.5, 0.4}).Label("loss")
	if top, left := d.legendCorner(0, 3, 0.4, 5); !top || left {
		t.Errorf("falling curve: legend corner top=%v left=%v, want top right", top, left)
	}
}

func TestNiceTicks(t *testing.T) {
	labels := func(lo, hi float64, integer bool) []string {
		var out []string
		for _, tk := range (niceTicks{integer: integer}).Ticks(lo, hi) {
			if tk.Label != "" {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	for _, tc := range []struct {
		lo, hi  float64
		integer bool
		want    []string
	}{
		{0, 0.01, false, []string{"0.000", "0.002", "0.004", "0.006", "0.008", "0.010"}},
		{0, 49, false, []string{"0", "10", "20", "30", "40"}},
		{1.9, 2.1, false, []string{"1.90", "1.95", "2.00", "2.05", "2.10"}},
		{0.945, 0.999, false, []string{"0.95", "0.96", "0.97", "0.98", "0.99"}},
		{0, 1, false, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		// Four epochs (an integer axis): whole steps only.
		{0, 3, true, []string{"0", "1", "2", "3"}},
		{0, 3, false, []string{"0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"}},
	} {
		if got := labels(tc.lo, tc.hi, tc.integer); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ticks(%v, %v) = %v, want %v", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestLineSaveFormats(t *testing.T) {
	dir := t.TempDir()
	c := chapter5().Title("loss").Size(500, 300)
	for _, name := range []string{"c.png", "c.svg"} {
		if err := c.Save(filepath.Join(dir, name)); err != nil {
			t.Fatalf("Save(%s): %v", name, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "c.png"))
	decodePNG(t, b, 500, 300)
	svg, _ := os.ReadFile(filepath.Join(dir, "c.svg"))
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("output")) {
		t.Error("SVG lacks the <svg> element or the axis label")
	}
	err := c.Save(filepath.Join(dir, "c.pdf"))
	if err == nil || !strings.Contains(err.Error(), `".pdf"`) {
		t.Errorf("Save(.pdf) error = %v, want one naming the extension", err)
	}
	err = c.Save(filepath.Join(dir, "missing", "c.png"))
	if err == nil || !strings.Contains(err.Error(), "folder exists") {
		t.Errorf("Save into a missing folder: error = %v, want advice", err)
	}
}

func TestLineSkipsNaN(t *testing.T) {
	// A diverged loss (NaN, +Inf) must not stop the chart from drawing.
	c := Line(nil, []float64{1, 0.5, math.NaN(), math.Inf(1), 0.2}).Label("loss")
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 640, 420)
	if countColor(img, seriesColor(0)) < 300 {
		t.Error("the finite points were not drawn")
	}
	if got := finiteXY([]float64{0, 1, 2}, []float64{1, math.NaN(), 3}); len(got) != 2 || got[1].X != 2 {
		t.Errorf("finiteXY kept %v", got)
	}
}

func TestLinePanics(t *testing.T) {
	msg := testkit.MustPanic(t, func() { Line([]float64{1, 2}, []float64{1}) })
	if msg != "plot.Line: 2 x values but 1 y values" {
		t.Errorf("panic %q", msg)
	}
	msg = testkit.MustPanic(t, func() { Line(nil, []float64{1}).Size(10, 10) })
	if !strings.Contains(msg, "plot.Line.Size: 10x10") {
		t.Errorf("panic %q", msg)
	}
}

func TestShowOutsideNotebook(t *testing.T) {
	var out bytes.Buffer
	stdout = &out
	defer func() { stdout = nil }()

	t.Setenv("KOSAKU_PLOT_DIR", "")
	chapter5().Show()
	if !strings.Contains(out.String(), "not in a notebook") {
		t.Errorf("Show printed %q", out.String())
	}
	dir := t.TempDir()
	t.Setenv("KOSAKU_PLOT_DIR", dir)
	out.Reset()
	chapter5().Show()
	files, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(files) != 1 || !strings.HasPrefix(out.String(), "plot: wrote "+dir) {
		t.Fatalf("files %v, output %q", files, out.String())
	}
	b, _ := os.ReadFile(files[0])
	decodePNG(t, b, 640, 420)
}

func TestShowInNotebookSendsOnlyPNG(t *testing.T) {
	c := chapter5()
	msg := showOnly(t, protocol.MIMEImagePNG, c.Show)
	if msg.DisplayID != "" {
		t.Errorf("a still chart should be a plain display_data, got display id %q", msg.DisplayID)
	}
	want, _ := c.PNG()
	if got := msg.Data[protocol.MIMEImagePNG].([]byte); !bytes.Equal(got, want) {
		t.Error("sent PNG differs from the chart's PNG")
	}
}
