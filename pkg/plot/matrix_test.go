package plot

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/tensor"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

var (
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	black = color.RGBA{0, 0, 0, 0xff}
)

func TestDivergingPalette(t *testing.T) {
	p := Diverging
	for _, tc := range []struct {
		v    float64
		want color.RGBA
	}{
		{0, white},
		{9, posFull},
		{-9, negFull},
		{-20, negFull}, // clamped
		// Half way: half way between white and the full colour.
		{4.5, color.RGBA{0xe8, 0x88, 0x88, 0xff}},
		{-4.5, color.RGBA{0xb7, 0xb7, 0xb7, 0xff}},
	} {
		if got := p.color(tc.v, -7, 9); got != tc.want {
			t.Errorf("Diverging(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
	// Negative values are grey (R = G = B), positive ones red (R > G = B).
	if c := p.color(-3, -9, 9); c.R != c.G || c.G != c.B || c.R == 255 {
		t.Errorf("negative colour %v is not a grey", c)
	}
	if c := p.color(3, -9, 9); c.R <= c.G || c.G != c.B {
		t.Errorf("positive colour %v is not a red", c)
	}
	if got := Gray.color(128, 0, 255); got.R != 128 || got.R != got.G || got.G != got.B {
		t.Errorf("Gray(128 of 0..255) = %v", got)
	}
}

func TestHeatmapCellsColouredInPlace(t *testing.T) {
	// One row: negative, zero, positive. Without values the cells are
	// drawn as a raster, so the pixel colours are exact.
	c := Heatmap([][]float64{{-2, 0, 2}})
	w, h := c.pixels()
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, w, h)
	gx, gy := centroid(t, img, negFull)
	rx, ry := centroid(t, img, posFull)
	if !(gx < float64(w)/2 && rx > float64(w)/2) || math.Abs(gy-ry) > 1 {
		t.Errorf("grey cell at (%.0f,%.0f), red cell at (%.0f,%.0f): want grey left, red right, same row", gx, gy, rx, ry)
	}
	if n := countColor(img, posFull); n < 1000 {
		t.Errorf("red cell has %d pixels", n)
	}
	if countColor(img, negFull) != countColor(img, posFull) {
		t.Errorf("cells of equal size differ: %d grey vs %d red pixels", countColor(img, negFull), countColor(img, posFull))
	}
}

func TestHeatmapsWithValues(t *testing.T) {
	cross := [][]float64{{5, -7, 5}, {-7, 9, -7}, {5, -7, 5}}
	padded := [][]float64{
		{4, -4, 4, -4, 4}, {-4, 5, -7, 5, -4}, {4, -7, 9, -7, 4}, {-4, 5, -7, 5, -4}, {4, -4, 4, -4, 4},
	}
	c := Heatmaps([]any{cross, padded}).Titles("no padding", "padding 1").Values("").Title("feature maps")
	if got := c.String(); got != "plot.Heatmaps[3x3 5x5]" {
		t.Errorf("String() = %q", got)
	}
	// The shared scale makes 9 the darkest red in both panels.
	for i := range c.panels {
		if lo, hi := c.rangeOf(i); lo != -7 || hi != 9 {
			t.Errorf("panel %d range %v..%v, want -7..9", i, lo, hi)
		}
	}
	w, h := c.pixels()
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, w, h)
	// Both 9s are full red; the two panels are separate runs of red.
	if n := runs(img, posFull, false); n != 2 {
		t.Errorf("full red appears in %d separate column runs, want 2 (one 9 per panel)", n)
	}
	if countColor(img, negFull) == 0 {
		t.Error("no -7 cell coloured full grey")
	}
	own := Heatmaps([]any{cross, [][]float64{{-1, 1}}}).OwnScale()
	if lo, hi := own.rangeOf(1); lo != -1 || hi != 1 {
		t.Errorf("OwnScale: panel 1 range %v..%v, want -1..1", lo, hi)
	}
	if got := c.cellText(9); got != "9" {
		t.Errorf("integer cell text %q", got)
	}
	if got := c.cellText(0.126); got != "0.13" {
		t.Errorf("fraction cell text %q", got)
	}
	if got := Heatmap(cross).Values("%.1f").cellText(5); got != "5.0" {
		t.Errorf("formatted cell text %q", got)
	}
}

func TestImageDigitOrientation(t *testing.T) {
	// A 28x28 image, black except the top-left 14x14 quarter, which is
	// white: row 0 must be drawn at the top.
	px := make([][]float64, 28)
	for r := range px {
		px[r] = make([]float64, 28)
		for k := range px[r] {
			if r < 14 && k < 14 {
				px[r][k] = 255
			}
		}
	}
	c := Image(px)
	w, h := c.pixels()
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, w, h)
	// The black pixels' box is the image (three quarters are black); the
	// pixel a quarter in from its top left must be white, the one a
	// quarter in from its bottom right black.
	blk := bounds(img, black)
	q := blk.Dx() / 4
	if got := rgba(img.At(blk.Min.X+q, blk.Min.Y+q)); got != white {
		t.Errorf("top-left quarter pixel %v, want white", got)
	}
	if got := rgba(img.At(blk.Max.X-q, blk.Max.Y-q)); got != black {
		t.Errorf("bottom-right quarter pixel %v, want black", got)
	}
	if blk.Dx() < 250 || math.Abs(float64(blk.Dx()-blk.Dy())) > 2 {
		t.Errorf("image drawn %dx%d, want a square of about 300 pixels", blk.Dx(), blk.Dy())
	}
}

func TestImagesGrid(t *testing.T) {
	// Six 4x4 images, each black with one white pixel: a 3x2 grid.
	batch := fakeTensor{shape: tensor.Size{6, 1, 4, 4}, data: make([]float64, 96)}
	for i := 0; i < 6; i++ {
		batch.data[i*16+5] = 1
	}
	c := Images(batch).Titles("5", "0", "4", "1", "9", "2")
	if c.cols != 3 {
		t.Errorf("6 panels in %d columns, want 3", c.cols)
	}
	w, h := c.pixels()
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, w, h)
	if cols, rows := runs(img, black, false), runs(img, black, true); cols != 3 || rows != 2 {
		t.Errorf("black panels form %d columns and %d rows, want 3 and 2", cols, rows)
	}
	msg := testkit.MustPanic(t, func() { Images(batch).Titles("a") })
	if !strings.Contains(msg, "plot.Images.Titles: 1 titles for 6 panels") {
		t.Errorf("panic %q", msg)
	}
}
