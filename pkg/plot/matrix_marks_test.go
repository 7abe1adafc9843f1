package plot

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/tensor"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// blackPanels is n black 4x4 pictures with one white pixel each.
func blackPanels(n int) fakeTensor {
	batch := fakeTensor{shape: tensor.Size{n, 1, 4, 4}, data: make([]float64, n*16)}
	for i := 0; i < n; i++ {
		batch.data[i*16+5] = 1
	}
	return batch
}

func renderChart(t *testing.T, c *MatrixChart) image.Image {
	t.Helper()
	w, h := c.pixels()
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	return decodePNG(t, b, w, h)
}

func TestMarkFramesPanelsInRed(t *testing.T) {
	plain := renderChart(t, Images(blackPanels(6)))
	if n := countColor(plain, markColor); n != 0 {
		t.Fatalf("unmarked grid has %d red pixels", n)
	}
	// Panels 1 and 5 of a 3x2 grid: column 1 of row 0, column 2 of row 1.
	c := Images(blackPanels(6)).Mark(1, 5, 1)
	img := renderChart(t, c)
	if n := countColor(img, markColor); n < 200 {
		t.Fatalf("marked grid has %d red pixels, want two red frames", n)
	}
	if cols, rows := runs(img, markColor, false), runs(img, markColor, true); cols != 2 || rows != 2 {
		t.Errorf("red frames in %d column runs and %d row runs, want 2 and 2", cols, rows)
	}
	// The frames go around the pictures, never over them.
	if a, b := countColor(plain, black), countColor(img, black); a != b {
		t.Errorf("marking changed the pictures: %d black pixels, %d before", b, a)
	}
	// Each frame surrounds its panel's black picture: the red box of the
	// top row contains the black box of panel 1.
	top := boundsIn(img, markColor, image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()/2))
	blk := boundsIn(img, black, top)
	if blk.Empty() || blk.Min.X <= top.Min.X || blk.Max.X >= top.Max.X || blk.Min.Y <= top.Min.Y || blk.Max.Y >= top.Max.Y {
		t.Errorf("red frame %v does not surround the black picture %v", top, blk)
	}
	// A marked panel's title is red too.
	titled := renderChart(t, Images(blackPanels(6)).Titles("5", "0", "4", "1", "9", "2").Mark(1, 5))
	if a, b := countColor(titled, markColor), countColor(img, markColor); a <= b {
		t.Errorf("titles of marked panels add no red: %d red pixels with titles, %d without", a, b)
	}
	msg := testkit.MustPanic(t, func() { Images(blackPanels(6)).Mark(6) })
	if !strings.Contains(msg, "plot.Images.Mark: panel 6 out of range: the chart has 6 panels (0..5)") {
		t.Errorf("panic %q", msg)
	}
}

// boundsIn is the bounding box of the pixels of colour want inside r.
func boundsIn(img image.Image, want color.RGBA, r image.Rectangle) image.Rectangle {
	var box image.Rectangle
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if rgba(img.At(x, y)) == want {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

func TestRowAndColLabels(t *testing.T) {
	counts := [][]float64{{50, 1, 0}, {2, 40, 3}, {0, 0, 45}}
	digits := []string{"0", "1", "2"}
	plain := Heatmap(counts).Values("%.0f")
	c := Heatmap(counts).Values("%.0f").RowLabels("正解", digits...).ColLabels("予測", digits...)
	pw, ph := plain.pixels()
	w, h := c.pixels()
	if w <= pw || h <= ph {
		t.Errorf("labelled chart %dx%d is not larger than the plain one %dx%d", w, h, pw, ph)
	}
	img := renderChart(t, c)
	// The cells: the full red 50 marks the grid's top-left cell.
	grid := boundsIn(img, posFull, img.Bounds())
	if grid.Empty() {
		t.Fatal("no full red cell")
	}
	// Ink (labels and titles) left of the grid and under it, none there
	// without labels.
	left := image.Rect(0, grid.Min.Y, grid.Min.X-4, img.Bounds().Dy())
	under := image.Rect(grid.Min.X, 0, img.Bounds().Dx(), img.Bounds().Dy())
	under.Min.Y = img.Bounds().Dy() - 40
	if n := inkIn(img, left); n < 30 {
		t.Errorf("%d dark pixels left of the grid: no row labels", n)
	}
	if n := inkIn(img, under); n < 30 {
		t.Errorf("%d dark pixels under the grid: no column labels", n)
	}
	pimg := renderChart(t, plain)
	pgrid := boundsIn(pimg, posFull, pimg.Bounds())
	if n := inkIn(pimg, image.Rect(0, pgrid.Min.Y, pgrid.Min.X-4, pimg.Bounds().Dy())); n != 0 {
		t.Errorf("%d dark pixels left of an unlabelled grid", n)
	}
	for _, tc := range []struct {
		f    func()
		want string
	}{
		{func() { Heatmap(counts).RowLabels("正解", "0", "1") }, "plot.Heatmap.RowLabels: 2 labels for panel 0's 3 rows"},
		{func() { Heatmap(counts).ColLabels("予測", "0", "1", "2", "3") }, "plot.Heatmap.ColLabels: 4 labels for panel 0's 3 columns"},
	} {
		if msg := testkit.MustPanic(t, tc.f); !strings.Contains(msg, tc.want) {
			t.Errorf("panic %q, want %q", msg, tc.want)
		}
	}
}

// inkIn counts dark pixels (text) in r.
func inkIn(img image.Image, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := rgba(img.At(x, y))
			if luminance(c) < 0.4 {
				n++
			}
		}
	}
	return n
}
