package plot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/plot"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// TestHeatmapOfEmptyInput: an empty tensor or slice panics naming plot.Heatmap and the
// shape, at the call, not in the PNG encoder's words when the chart is drawn.
func TestHeatmapOfEmptyInput(t *testing.T) {
	for _, c := range []struct {
		in    any
		shape string
	}{
		{tensor.Zeros(0, 3), "[0 3]"},
		{tensor.Zeros(3, 0), "[3 0]"},
		{tensor.Zeros(1, 0, 4), "[1 0 4]"},
		{tensor.Zeros(0), "[0]"},
		{[]float64{}, "[0]"},
	} {
		msg := func() (msg any) {
			defer func() { msg = recover() }()
			plot.Heatmap(c.in).SVG()
			return nil
		}()
		text := fmt.Sprint(msg)
		if !strings.HasPrefix(text, "plot.Heatmap: the input has shape "+c.shape+", no elements") {
			t.Errorf("Heatmap of %T %s: %v", c.in, c.shape, msg)
		}
	}
}
