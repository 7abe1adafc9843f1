package plot

import (
	"bytes"
	"encoding/gob"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
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

// fakeKernel stands in for GoNB at the other end of gonbui's named pipes:
// it records every display message and acknowledges syncs, so tests see
// exactly what a notebook would receive.
type fakeKernel struct {
	mu    sync.Mutex
	msgs  []protocol.DisplayData
	syncs int
}

var (
	fake     *fakeKernel
	fakeOnce sync.Once
)

// inNotebook switches gonbui to notebook mode, talking to the fake
// kernel, until the test ends.
func inNotebook(t *testing.T) *fakeKernel {
	t.Helper()
	fakeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "plot-fake-gonb")
		if err != nil {
			t.Fatal(err)
		}
		toKernel, fromKernel := filepath.Join(dir, "to"), filepath.Join(dir, "from")
		for _, p := range []string{toKernel, fromKernel} {
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		os.Setenv(protocol.GONB_PIPE_ENV, toKernel)
		os.Setenv(protocol.GONB_PIPE_BACK_ENV, fromKernel)
		fake = &fakeKernel{}
		go fake.serve(toKernel, fromKernel)
	})
	fake.mu.Lock()
	fake.msgs, fake.syncs = nil, 0
	fake.mu.Unlock()
	gonbui.IsNotebook = true
	t.Cleanup(func() { gonbui.IsNotebook = false })
	return fake
}

func (k *fakeKernel) serve(toKernel, fromKernel string) {
	// Same opening order as gonbui: its writer first, then its reader.
	in, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
	if err != nil {
		panic(err)
	}
	out, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
	for {
		var d protocol.DisplayData
		if err := dec.Decode(&d); err != nil {
			return
		}
		if v, ok := d.Data[protocol.MIMECommValue]; ok {
			var cv protocol.CommValue
			switch x := v.(type) {
			case protocol.CommValue:
				cv = x
			case *protocol.CommValue:
				cv = *x
			}
			if cv.Address == protocol.GonbuiSyncAddress {
				k.mu.Lock()
				k.syncs++
				k.mu.Unlock()
				if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: cv.Value}); err != nil {
					return
				}
			}
			continue
		}
		k.mu.Lock()
		k.msgs = append(k.msgs, d)
		k.mu.Unlock()
	}
}

// received returns the display messages and the number of syncs so far.
// Call it after a Sync (Show and Live.Done end with one), which orders the
// messages before it.
func (k *fakeKernel) received() ([]protocol.DisplayData, int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]protocol.DisplayData(nil), k.msgs...), k.syncs
}

// mimes lists the MIME types of one message.
func mimes(d protocol.DisplayData) []string {
	var out []string
	for m := range d.Data {
		out = append(out, string(m))
	}
	return out
}

// fakeTensor has the methods of *tensor.Tensor that plot reads, with a
// named shape type as tensor.Size is.
type fakeSize []int

type fakeTensor struct {
	shape fakeSize
	data  []float64
}

func (f fakeTensor) Shape() fakeSize       { return f.shape }
func (f fakeTensor) ToFloat64s() []float64 { return append([]float64(nil), f.data...) }
func (f fakeTensor) Dim() int              { return len(f.shape) }
func (f fakeTensor) Numel() int            { return len(f.data) }

// mustPanic runs f and returns the panic message, failing if f returns.
func mustPanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("no panic")
		}
		msg, _ = r.(string)
	}()
	f()
	return ""
}
