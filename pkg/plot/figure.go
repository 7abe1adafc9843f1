package plot

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/kosaku-dl/kosaku/pkg/internal/nbdisplay"
)

// Chart is what every chart kind of this package can do: render itself as
// PNG or SVG bytes, save to a file, and show itself inline in a notebook.
type Chart interface {
	// PNG renders the chart at 96 DPI.
	PNG() ([]byte, error)
	// SVG renders the chart as an SVG document.
	SVG() ([]byte, error)
	// Save writes the chart to path; the extension picks the format:
	// .png or .svg.
	Save(path string) error
	// Show displays the chart in the notebook as an image/png output.
	// Outside a notebook it writes a PNG into $KOSAKU_PLOT_DIR when that is
	// set, and otherwise prints one line saying where the chart went.
	Show()
}

// drawer is implemented by each chart kind: its size in pixels and how it
// draws itself onto a canvas of that size.
type drawer interface {
	pixels() (w, h int)
	draw(c draw.Canvas)
}

// frame holds what every chart kind has: a size in pixels and a title.
type frame struct {
	w, h  int
	title string
}

func (f *frame) pixels() (int, int) { return f.w, f.h }

func (f *frame) setSize(op string, w, h int) {
	if w < 50 || h < 50 || w > 8000 || h > 8000 {
		panic(fmt.Sprintf("plot.%s.Size: %dx%d pixels is outside 50..8000", op, w, h))
	}
	f.w, f.h = w, h
}

func sizeOf(d drawer) (vg.Length, vg.Length) {
	w, h := d.pixels()
	return px(float64(w)), px(float64(h))
}

func renderPNG(d drawer) ([]byte, error) {
	w, h := sizeOf(d)
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
	d.draw(draw.New(c))
	var buf bytes.Buffer
	if err := pngEncoder.Encode(&buf, c.Image()); err != nil {
		return nil, fmt.Errorf("plot: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// pngEncoder favours speed: a chart of flat colours compresses well even
// at the fastest level, and a live chart encodes a frame at every redraw.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed}

func renderSVG(d drawer) ([]byte, error) {
	w, h := sizeOf(d)
	c := vgsvg.New(w, h)
	d.draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plot: encoding SVG: %w", err)
	}
	return buf.Bytes(), nil
}

func save(d drawer, path string) error {
	var (
		b   []byte
		err error
	)
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		b, err = renderPNG(d)
	case ".svg":
		b, err = renderSVG(d)
	default:
		return fmt.Errorf("plot: cannot save %q: unknown extension %q (use .png or .svg)", path, ext)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("plot: saving chart: %w (check that the folder exists and is writable)", err)
	}
	return nil
}

// stdout, when set (by tests), replaces os.Stdout for messages to a
// reader outside a notebook. os.Stdout is looked up at each use, so that
// a replaced os.Stdout (as go test does for Examples) is honoured.
var stdout io.Writer

func output() io.Writer {
	if stdout != nil {
		return stdout
	}
	return os.Stdout
}

// shown counts charts written by Show outside a notebook, naming files.
var shown atomic.Int64

func show(d drawer) {
	b, err := renderPNG(d)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	showPNG(b)
}

// showPNG sends one image/png output (no text/html alternative, which
// JupyterLab would prefer and sanitise) and waits until GoNB has it:
// without the Sync, an output still in the pipe is lost when the cell's
// process exits.
func showPNG(b []byte) {
	if nbdisplay.IsNotebook() {
		nbdisplay.PNG(b)
		nbdisplay.Sync()
		return
	}
	showOutside("a file", ".png", func(path string) error {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return fmt.Errorf("plot: writing %s: %v (check KOSAKU_PLOT_DIR)", path, err)
		}
		return nil
	})
}

// showOutside is Show outside a notebook: it writes the chart with write into
// $KOSAKU_PLOT_DIR under a new name ending in ext and says so, or, when that is
// not set, says how to see the chart (what names the kind of file Save makes).
func showOutside(what, ext string, write func(path string) error) {
	dir := os.Getenv("KOSAKU_PLOT_DIR")
	if dir == "" {
		fmt.Fprintf(output(), "plot: not in a notebook; set KOSAKU_PLOT_DIR or call Save to write the chart to %s\n", what)
		return
	}
	path := filepath.Join(dir, fmt.Sprintf("chart-%d-%03d%s", os.Getpid(), shown.Add(1), ext))
	if err := write(path); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Fprintln(output(), "plot: wrote", path)
}
