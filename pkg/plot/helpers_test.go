package plot

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/kosaku-dl/kosaku/pkg/internal/fakegonb"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// decodePNG decodes b and checks it has the expected size in pixels.
func decodePNG(t *testing.T, b []byte, w, h int) image.Image {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("not a PNG: starts with %q", b[:min(8, len(b))])
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if got := img.Bounds().Size(); got.X != w || got.Y != h {
		t.Fatalf("PNG is %dx%d, want %dx%d", got.X, got.Y, w, h)
	}
	return img
}

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// countColor counts pixels of exactly colour want.
func countColor(img image.Image, want color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if rgba(img.At(x, y)) == want {
				n++
			}
		}
	}
	return n
}

// nonWhite counts pixels that are not pure white.
func nonWhite(img image.Image) int {
	return img.Bounds().Dx()*img.Bounds().Dy() - countColor(img, color.RGBA{255, 255, 255, 255})
}

// centroid returns the mean position of the pixels of colour want.
func centroid(t *testing.T, img image.Image, want color.RGBA) (float64, float64) {
	t.Helper()
	var sx, sy, n float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if rgba(img.At(x, y)) == want {
				sx, sy, n = sx+float64(x), sy+float64(y), n+1
			}
		}
	}
	if n == 0 {
		t.Fatalf("no pixel of colour %v", want)
	}
	return sx / n, sy / n
}

// runs counts the separate runs of columns (or rows, with rows true) that
// hold at least one pixel of colour want: 3 panels side by side give 3.
func runs(img image.Image, want color.RGBA, rows bool) int {
	b := img.Bounds()
	outer, inner := b.Dx(), b.Dy()
	if rows {
		outer, inner = inner, outer
	}
	n, in := 0, false
	for i := 0; i < outer; i++ {
		hit := false
		for j := 0; j < inner && !hit; j++ {
			x, y := i, j
			if rows {
				x, y = j, i
			}
			hit = rgba(img.At(b.Min.X+x, b.Min.Y+y)) == want
		}
		if hit && !in {
			n++
		}
		in = hit
	}
	return n
}

// showOnly runs show under a fake GoNB kernel and checks that it sent exactly one
// message and one sync, the message holding the MIME type mime and no other; it
// returns the message.
func showOnly(t *testing.T, mime protocol.MIMEType, show func()) protocol.DisplayData {
	t.Helper()
	k := fakegonb.Start(t)
	show()
	msgs, syncs := k.Received()
	if len(msgs) != 1 || syncs != 1 {
		t.Fatalf("%d messages, %d syncs; want 1 and 1", len(msgs), syncs)
	}
	if m := mimes(msgs[0]); len(m) != 1 || m[0] != string(mime) {
		t.Fatalf("MIME types %v, want only %s", m, mime)
	}
	return msgs[0]
}

// mimes lists the MIME types of one message.
func mimes(d protocol.DisplayData) []string {
	var out []string
	for m := range d.Data {
		out = append(out, string(m))
	}
	return out
}

// fakeTensor has the methods of *tensor.Tensor that plot reads (Array).
type fakeTensor struct {
	shape tensor.Size
	data  []float64
}

func (f fakeTensor) Shape() tensor.Size    { return f.shape }
func (f fakeTensor) ToFloat64s() []float64 { return append([]float64(nil), f.data...) }
func (f fakeTensor) Dim() int              { return len(f.shape) }
func (f fakeTensor) Numel() int            { return len(f.data) }
