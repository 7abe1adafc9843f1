package plot_test

import (
	"encoding/json"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/plot"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The real tensor satisfies Array, and its named Size shape is read.
var _ plot.Array = (*tensor.Tensor)(nil)

func TestRealTensors(t *testing.T) {
	// Chapter 5: x values from Arange (float32), losses computed on them.
	out := tensor.Arange(1.9, 2.1, 0.005)
	loss := out.SubScalar(2).Pow(2)
	if _, err := plot.Line(out, loss).Marker(1.95, 0.0025).PNG(); err != nil {
		t.Fatal(err)
	}
	// Chapter 8: the cross feature map, [1 1 3 3] as a convolution returns.
	fm := tensor.FromSlice([]float64{5, -7, 5, -7, 9, -7, 5, -7, 5}, 1, 1, 3, 3)
	it := plot.Heatmap(fm).Values("").Interactive()
	var o struct {
		Series []struct {
			Data []struct{ Value []float64 } `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(it.Options()[0]), &o); err != nil {
		t.Fatal(err)
	}
	// Cell (row 1, column 1) is the 9 in the centre: value [x=1, y=1, 9].
	if got := o.Series[0].Data[4].Value; len(got) != 3 || got[0] != 1 || got[1] != 1 || got[2] != 9 {
		t.Errorf("centre cell %v, want [1 1 9]", got)
	}
	// Chapter 9: feature maps [4 2 3 3] make 8 panels.
	maps := tensor.FromSlice(make([]float64, 72), 4, 2, 3, 3)
	if s := plot.Heatmaps(maps).Cols(2).String(); s != "plot.Heatmaps[3x3 3x3 3x3 3x3 3x3 3x3 3x3 3x3]" {
		t.Errorf("panels %s", s)
	}
	// Chapter 7: one image of a [N 1 28 28] batch.
	batch := tensor.FromSlice(make([]float32, 2*784), 2, 1, 28, 28)
	if s := plot.Image(batch.Index(0)).String(); s != "plot.Image[28x28]" {
		t.Errorf("image %s", s)
	}
}
