package plot

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/datasets"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

var irisFeaturesJA = []string{"がく片の長さ", "がく片の幅", "花びらの長さ", "花びらの幅"}

func TestScatterMatrixIris(t *testing.T) {
	iris := datasets.Iris()
	c := ScatterMatrix(iris.Data, iris.Target, irisFeaturesJA, []string{"setosa", "versicolor", "virginica"}).Title("アヤメの特徴量")
	if c.data.rows != 150 || c.data.cols != 4 || c.classes[0] != 0 || c.classes[149] != 2 {
		t.Fatalf("read %dx%d with classes %d..%d", c.data.rows, c.data.cols, c.classes[0], c.classes[149])
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 650, 670)
	// Each class colour appears in each of the 4 panel columns (dots or
	// histogram lines) plus the legend: setosa's blue in 4 separate runs
	// of columns at least.
	for k := 0; k < 3; k++ {
		if n := runs(img, seriesColor(k), false); n < 4 {
			t.Errorf("class %d's colour in %d column runs, want one per panel column", k, n)
		}
		if n := countColor(img, seriesColor(k)); n < 1000 {
			t.Errorf("class %d: %d pixels", k, n)
		}
	}
	// Setosa's petals are short: in the panel of petal length (x, column
	// 2) against sepal length (y, row 0), blue lies left of green.
	bx, _ := centroid(t, img, seriesColor(0))
	gx, _ := centroid(t, img, seriesColor(2))
	if !(bx < gx) {
		t.Errorf("setosa at mean x %.0f, virginica at %.0f: want setosa left (smaller features)", bx, gx)
	}
}

func TestScatterMatrixPanics(t *testing.T) {
	data := [][]float64{{1, 2}, {3, 4}}
	for _, tc := range []struct {
		f    func()
		want string
	}{
		{func() { ScatterMatrix(data, []int{0}, []string{"a", "b"}, []string{"x"}) }, "2 samples but 1 classes"},
		{func() { ScatterMatrix(data, []int{0, 1}, []string{"a"}, []string{"x", "y"}) }, "1 feature names for 2 features"},
		{func() { ScatterMatrix(data, []int{0, 2}, []string{"a", "b"}, []string{"x", "y"}) }, "sample 1 has class 2; classes must be 0..1"},
	} {
		if msg := testkit.MustPanic(t, tc.f); !strings.Contains(msg, tc.want) {
			t.Errorf("panic %q, want %q", msg, tc.want)
		}
	}
}
