package plot

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// TestImageAcceptsImageImage draws every standard kind of picture that a
// reader may hold (datasets.Images.Image gives *image.Gray) and checks the
// drawn pixels keep the picture's own levels and colours.
func TestImageAcceptsImageImage(t *testing.T) {
	const n = 4
	gray := image.NewGray(image.Rect(0, 0, n, n))
	rgbaImg := image.NewRGBA(image.Rect(0, 0, n, n))
	nrgba := image.NewNRGBA(image.Rect(0, 0, n, n))
	pal := image.NewPaletted(image.Rect(0, 0, n, n), color.Palette{color.RGBA{0, 0, 0xff, 0xff}, color.RGBA{0xff, 0xff, 0, 0xff}})
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			// Left half dark gray 40, right half 200: not black and white,
			// so a stretched min..max would show up as 0 and 255.
			v := uint8(40)
			if x >= n/2 {
				v = 200
			}
			gray.SetGray(x, y, color.Gray{Y: v})
			rgbaImg.SetRGBA(x, y, color.RGBA{0xd6, 0x27, 0x28, 0xff})
			nrgba.SetNRGBA(x, y, color.NRGBA{0x00, 0x80, 0x00, 0x80}) // half transparent green over white
			pal.SetColorIndex(x, y, uint8(x%2))
		}
	}
	for _, tc := range []struct {
		name string
		img  image.Image
		want []color.RGBA // colours that must cover much of the picture
	}{
		{"Gray", gray, []color.RGBA{{40, 40, 40, 255}, {200, 200, 200, 255}}},
		{"RGBA", rgbaImg, []color.RGBA{{0xd6, 0x27, 0x28, 0xff}}},
		{"NRGBA", nrgba, []color.RGBA{{0x7f, 0xbf, 0x7f, 0xff}}},
		{"Paletted", pal, []color.RGBA{{0, 0, 0xff, 0xff}, {0xff, 0xff, 0, 0xff}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Image(tc.img)
			b, err := c.PNG()
			if err != nil {
				t.Fatal(err)
			}
			w, h := c.pixels()
			img := decodePNG(t, b, w, h)
			for _, col := range tc.want {
				// The 300x300 panel is split between at most two colours.
				if got := countColor(img, col); got < 300*300/3 {
					t.Errorf("%d pixels of %v, want most of a half of the 300x300 panel", got, col)
				}
			}
		})
	}
	// A sub-image (non-zero bounds origin) reads from its own origin.
	sub := gray.SubImage(image.Rect(2, 0, 4, 4)).(*image.Gray)
	if m := toMatrix("Image", sub); m.cols != 2 || m.rows != 4 || m.at(0, 0) != 200 {
		t.Errorf("sub-image read as %dx%d with first value %v, want 4x2 starting at 200", m.rows, m.cols, m.at(0, 0))
	}
	// Images takes a batch of pictures.
	if c := Images([]*image.Gray{gray, gray, gray}); len(c.panels) != 3 {
		t.Errorf("Images([]*image.Gray) gave %d panels", len(c.panels))
	}
	if c := Images([]image.Image{gray, rgbaImg}); len(c.panels) != 2 || c.panels[1].rgb == nil {
		t.Errorf("Images([]image.Image) lost the colour panel")
	}
	var nilGray *image.Gray
	if msg := testkit.MustPanic(t, func() { Image(nilGray) }); !strings.Contains(msg, "plot.Image: nil image") {
		t.Errorf("panic %q", msg)
	}
}
