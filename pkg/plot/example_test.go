package plot_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/plot"
)

// size prints the pixel size of a PNG file, or why it cannot.
func size(path string) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %dx%d\n", filepath.Base(path), cfg.Width, cfg.Height)
}

// pngSize prints the pixel size of PNG bytes, or why it cannot.
func pngSize(b []byte) {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%dx%d\n", cfg.Width, cfg.Height)
}

// Chapter 5's chart: the loss (output - 2)^2 around the label 2, a marker
// at the current output 1.95 and dotted guides, as the chapter's
// plt.plot / plt.hlines / plt.vlines cell draws it.
func ExampleLine() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	var outputs, losses []float64
	for i := 0; i <= 40; i++ {
		o := 1.9 + 0.005*float64(i)
		outputs = append(outputs, o)
		losses = append(losses, (o-2)*(o-2))
	}
	err := plot.Line(outputs, losses).Marker(1.95, 0.0025).
		HSegment(0, 1.9, 2.1, plot.Dotted).
		HSegment(0.0025, 1.9, 1.95, plot.Dotted).
		VSegment(1.95, 0, 0.0025, plot.Dotted).
		XLabel("output").YLabel("loss").
		Save(filepath.Join(dir, "loss.png")) // in a notebook: .Show()
	fmt.Println(err)
	size(filepath.Join(dir, "loss.png"))
	// Output:
	// <nil>
	// loss.png: 640x420
}

// Chapter 10's curves: train against validation loss with a legend and a
// grid; nil x values count epochs from 0, as range(n) does.
func ExampleLineChart_Add() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	var train, valid []float64
	for e := 0; e < 50; e++ {
		train = append(train, 0.01*math.Exp(-float64(e)/8)+0.0003)
		valid = append(valid, 0.006*math.Exp(-float64(e)/5)+0.0025+0.00002*float64(e))
	}
	err := plot.Line(nil, train).Label("train loss").
		Add(nil, valid).Label("validation loss").
		Grid().XLabel("epoch").YLabel("loss").
		Save(filepath.Join(dir, "curves.svg"))
	fmt.Println(err)
	// Output: <nil>
}

// Chapter 8's feature maps of the cross, as the chapter's tables colour
// them: negative grey, positive red, with the numbers in the cells.
func ExampleHeatmaps() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	noPadding := [][]float64{{5, -7, 5}, {-7, 9, -7}, {5, -7, 5}}
	padding := [][]float64{
		{4, -4, 4, -4, 4},
		{-4, 5, -7, 5, -4},
		{4, -7, 9, -7, 4},
		{-4, 5, -7, 5, -4},
		{4, -4, 4, -4, 4},
	}
	c := plot.Heatmaps([]any{noPadding, padding}).Titles("no padding", "padding 1").Values("")
	fmt.Println(c, c.Save(filepath.Join(dir, "maps.png")))
	// Output: plot.Heatmaps[3x3 5x5] <nil>
}

// Chapter 7's digit: a 28x28 array drawn in grey levels (here a ring; a
// tensor [1 28 28] or a flat 784-value row work the same way).
func ExampleImage() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	digit := make([][]float64, 28)
	for r := range digit {
		digit[r] = make([]float64, 28)
		for c := range digit[r] {
			d := math.Hypot(float64(r)-13.5, float64(c)-13.5)
			if d > 5 && d < 9 {
				digit[r][c] = 255
			}
		}
	}
	fmt.Println(plot.Image(digit).Save(filepath.Join(dir, "digit.png")))
	// Output: <nil>
}

// Chapter 1's iris network: 4 inputs, 5 hidden nodes, 3 outputs.
func ExampleNetwork() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	err := plot.Network(4, 5, 3).
		InputLabels("sepal length", "sepal width", "petal length", "petal width").
		OutputLabels("setosa", "versicolor", "virginica").
		Save(filepath.Join(dir, "iris.png"))
	fmt.Println(err)
	size(filepath.Join(dir, "iris.png"))
	// Output:
	// <nil>
	// iris.png: 560x400
}

// A live training chart. Outside a notebook (as here) Progress prints
// plain lines; in a notebook the line and the chart update in place
// instead. SaveTo would make Done write the final chart to a file as well.
func ExampleNewLive() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	live := plot.NewLive().XLabel("epoch").YLabel("loss")
	for epoch := 1; epoch <= 3; epoch++ {
		loss := 1 / float64(epoch)
		live.Add("train", float64(epoch), loss)
		live.Progress("epoch %d/3  loss %.4f", epoch, loss)
	}
	if err := live.Done(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(live.Chart().Save(filepath.Join(dir, "live.png")))
	// Output:
	// epoch 1/3  loss 1.0000
	// epoch 2/3  loss 0.5000
	// epoch 3/3  loss 0.3333
	// <nil>
}

// The interactive version of a chart, saved as a page that works offline.
func ExampleLineChart_Interactive() {
	dir, _ := os.MkdirTemp("", "plot-example")
	defer os.RemoveAll(dir)

	it := plot.Line(nil, []float64{0.9, 0.5, 0.3}).Label("train").
		Add(nil, []float64{1.0, 0.6, 0.5}).Label("validation").Interactive()
	fmt.Println(it.Save(filepath.Join(dir, "curves.html")))
	page, _ := os.ReadFile(filepath.Join(dir, "curves.html"))
	fmt.Println(strings.Contains(string(page), "data:image/png;base64,"), strings.Contains(string(page), "<script src="))
	// Output:
	// <nil>
	// true false
}
