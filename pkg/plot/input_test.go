package plot

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/tensor"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestToVector(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want []float64
	}{
		{[]float64{1, 2.5}, []float64{1, 2.5}},
		{[]float32{1, 2.5}, []float64{1, 2.5}},
		{[]int{3, -4}, []float64{3, -4}},
		{[]int64{7}, []float64{7}},
		{fakeTensor{shape: tensor.Size{3}, data: []float64{1, 2, 3}}, []float64{1, 2, 3}},
	} {
		if got := toVector("Line", tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("toVector(%T) = %v, want %v", tc.in, got, tc.want)
		}
	}
	msg := testkit.MustPanic(t, func() { toVector("Line", "abc") })
	if !strings.Contains(msg, "plot.Line") || !strings.Contains(msg, "string") {
		t.Errorf("panic message %q should name the op and the type", msg)
	}
}

func TestToMatrix(t *testing.T) {
	m := toMatrix("Image", [][]float64{{1, 2, 3}, {4, 5, 6}})
	if m.rows != 2 || m.cols != 3 || m.at(1, 2) != 6 {
		t.Errorf("[][]float64: got %+v", m)
	}
	// A tensor [1 1 2 2] (one image, one channel) is one 2x2 block.
	m = toMatrix("Heatmap", fakeTensor{shape: tensor.Size{1, 1, 2, 2}, data: []float64{1, 2, 3, 4}})
	if m.rows != 2 || m.cols != 2 || m.at(1, 0) != 3 {
		t.Errorf("[1 1 2 2] tensor: got %+v", m)
	}
	// A flat 784-pixel row is a 28x28 image.
	m = toMatrix("Image", make([]uint8, 784))
	if m.rows != 28 || m.cols != 28 {
		t.Errorf("784 pixels: got %dx%d", m.rows, m.cols)
	}
	for _, tc := range []struct {
		in   any
		want string
	}{
		{[][]float64{{1, 2}, {3}}, "ragged matrix: row 0 has 2 values, row 1 has 1"},
		{[]float64{1, 2, 3}, "length 3 is not a square image"},
		{fakeTensor{shape: tensor.Size{2, 3, 3}, data: make([]float64, 18)}, "shape [2 3 3] is not one 2-D image"},
	} {
		msg := testkit.MustPanic(t, func() { toMatrix("Image", tc.in) })
		if !strings.Contains(msg, "plot.Image: ") || !strings.Contains(msg, tc.want) {
			t.Errorf("toMatrix(%v) panicked with %q, want it to contain %q", tc.in, msg, tc.want)
		}
	}
}

func TestToMatrices(t *testing.T) {
	// [N C H W] = [2 2 1 2] gives N*C = 4 blocks in order.
	ms := toMatrices("Heatmaps", fakeTensor{shape: tensor.Size{2, 2, 1, 2}, data: []float64{0, 1, 2, 3, 4, 5, 6, 7}})
	if len(ms) != 4 {
		t.Fatalf("got %d blocks, want 4", len(ms))
	}
	for i, m := range ms {
		if m.rows != 1 || m.cols != 2 || m.at(0, 0) != float64(2*i) || m.at(0, 1) != float64(2*i+1) {
			t.Errorf("block %d = %+v", i, m)
		}
	}
	ms = toMatrices("Images", []any{[][]float64{{1}}, [][]int{{1, 2}, {3, 4}}})
	if len(ms) != 2 || ms[1].at(1, 1) != 4 {
		t.Errorf("[]any: got %+v", ms)
	}
	ms = toMatrices("Images", [][]float64{make([]float64, 4), make([]float64, 4), make([]float64, 4)})
	if len(ms) != 3 || ms[0].rows != 2 {
		t.Errorf("rows of flat square images: got %+v", ms)
	}
}

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
		msg, _ := testkit.Panic(func() { Heatmap(c.in).SVG() })
		if !strings.HasPrefix(msg, "plot.Heatmap: the input has shape "+c.shape+", no elements") {
			t.Errorf("Heatmap of %T %s: panic %q", c.in, c.shape, msg)
		}
	}
}
