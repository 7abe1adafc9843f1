package plot

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestRow(t *testing.T) {
	r := Row(Line(nil, []float64{1, 2}).Size(300, 200), Network(2, 2).Size(200, 250))
	b, err := r.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 500, 250)
	if x, _ := centroid(t, img, layerFill[0]); x < 300 {
		t.Errorf("network drawn at x %.0f, want right of the 300-pixel line chart", x)
	}
	if x, _ := centroid(t, img, seriesColor(0)); x > 300 {
		t.Errorf("line drawn at x %.0f, want in the left 300 pixels", x)
	}
	if n := len(r.Interactive().Options()); n != 2 {
		t.Errorf("interactive row has %d echarts instances, want 2", n)
	}
	if msg := testkit.MustPanic(t, func() { Row() }); msg != "plot.Row: no charts" {
		t.Errorf("panic %q", msg)
	}
}
