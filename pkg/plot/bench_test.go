package plot

import (
	"math"
	"testing"
)

// BenchmarkLinePNG renders chapter 10's two 50-epoch curves: the cost of
// one Show, and of one frame of a Live chart.
func BenchmarkLinePNG(b *testing.B) {
	var train, valid []float64
	for e := 0; e < 50; e++ {
		train = append(train, math.Exp(-float64(e)/8))
		valid = append(valid, math.Exp(-float64(e)/5)+0.01*float64(e))
	}
	c := Line(nil, train).Label("train").Add(nil, valid).Label("validation").Grid()
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImagePNG renders one 28x28 digit.
func BenchmarkImagePNG(b *testing.B) {
	c := Image(make([]float64, 784))
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInteractiveHTML builds the echarts snippet (with its 1 MB
// script and the PNG fallback) of the same curves.
func BenchmarkInteractiveHTML(b *testing.B) {
	c := Line(nil, []float64{1, 0.5, 0.3}).Label("train")
	for b.Loop() {
		_ = c.Interactive().HTML()
	}
}
