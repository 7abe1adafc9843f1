package nbrun_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// TestTwoHundredCharts displays 200 PNGs across 20 cells and finds every one,
// in order, in the saved notebook: outputs sent just before a cell's process
// exits are the ones GoNB can lose without gonbui.Sync().
func TestTwoHundredCharts(t *testing.T) {
	const cells, perCell = 20, 10
	nb := []cell{{src: "import (\n\t\"bytes\"\n\t\"image\"\n\t\"image/png\"\n\n\t\"github.com/janpfeifer/gonb/gonbui\"\n)"}}
	for c := 0; c < cells; c++ {
		// Each image is filled with its own number, so order and loss show.
		nb = append(nb, cell{src: fmt.Sprintf(`%%%%
for i := 0; i < %d; i++ {
	img := image.NewGray(image.Rect(0, 0, 24, 16))
	for p := range img.Pix {
		img.Pix[p] = uint8(%d + i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	gonbui.DisplayPng(buf.Bytes())
}
gonbui.Sync()`, perCell, c*perCell)})
	}
	_, path := kernelNotebook(t, "charts.ipynb", nb...)
	res := nbtest.Run(t, path, nbrun.Options{})

	var got []int
	for _, c := range res.Code() {
		pngs, err := c.PNGs()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pngs {
			img, err := png.Decode(bytes.NewReader(p))
			if err != nil {
				t.Fatalf("cell %d: image/png does not decode: %v", c.Index, err)
			}
			got = append(got, int(img.(*image.Gray).Pix[0]))
		}
	}
	if len(got) != cells*perCell {
		t.Fatalf("saved notebook holds %d image/png outputs, want %d", len(got), cells*perCell)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("image %d carries number %d, want %d (lost or reordered)", i, v, i)
		}
	}
}
