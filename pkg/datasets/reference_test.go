package datasets

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// reference is testdata/reference.json, written by testdata/reference.py from
// scikit-learn's load_iris and torchvision's MNIST.
type reference struct {
	Iris struct {
		Shape        []int       `json:"shape"`
		DType        string      `json:"dtype"`
		Data         [][]float64 `json:"data"`
		Target       []int64     `json:"target"`
		TargetNames  []string    `json:"target_names"`
		FeatureNames []string    `json:"feature_names"`
	} `json:"iris"`
	MNIST map[string]struct {
		Len          int       `json:"len"`
		DataShape    []int     `json:"data_shape"`
		FirstLabels  []int64   `json:"first_labels"`
		LabelCounts  []int     `json:"label_counts"`
		PixelSum0    int       `json:"pixel_sum_0"`
		PixelSumLast int       `json:"pixel_sum_last"`
		PixelSumAll  int64     `json:"pixel_sum_all"`
		Rows0        [][]uint8 `json:"rows_0"`
		Item0Label   int       `json:"item0_label"`
		Item0Shape   []int     `json:"item0_shape"`
		Item0DType   string    `json:"item0_dtype"`
		Item0Row14   []float64 `json:"item0_row14"`
		Item0Sum     float64   `json:"item0_sum"`
		Item0Min     float64   `json:"item0_min"`
		Item0Max     float64   `json:"item0_max"`
	} `json:"mnist"`
}

func loadReference(t *testing.T) *reference {
	t.Helper()
	r := testkit.LoadJSON[reference](t, "testdata/reference.json", "/usr/bin/python3 pkg/datasets/testdata/reference.py, from the repository root")
	return &r
}
