package datasets

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func TestIrisEmbeddedFile(t *testing.T) {
	testkit.ExpectSHA256(t, "embedded iris.csv (scikit-learn 1.2's sklearn/datasets/data/iris.csv)", []byte(irisCSV),
		"f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449")
}

func TestIrisMatchesScikitLearn(t *testing.T) {
	ref := loadReference(t).Iris
	iris := Iris()
	if got := []int(iris.Data.Shape()); !slices.Equal(got, ref.Shape) {
		t.Fatalf("shape %v, want %v", got, ref.Shape)
	}
	if iris.Data.Shape().String() != "torch.Size([150, 4])" || iris.Data.DType() != tensor.Float64 {
		t.Errorf("Data is %v %v, want torch.Size([150, 4]) torch.float64", iris.Data.Shape(), iris.Data.DType())
	}
	rows := iris.Rows()
	for i := range ref.Data {
		if !slices.Equal(rows[i], ref.Data[i]) {
			t.Fatalf("row %d = %v, scikit-learn has %v", i, rows[i], ref.Data[i])
		}
	}
	if iris.Target.DType() != tensor.Int64 || !slices.Equal(iris.Target.Int64s(), ref.Target) {
		t.Errorf("Target %v differs from scikit-learn's", iris.Target)
	}
	if !slices.Equal(iris.TargetNames, ref.TargetNames) || !slices.Equal(iris.FeatureNames, ref.FeatureNames) {
		t.Errorf("names %v %v, want %v %v", iris.TargetNames, iris.FeatureNames, ref.TargetNames, ref.FeatureNames)
	}
	// The chapter's first row, and the two rows scikit-learn corrects from the UCI file.
	if fmt.Sprint(rows[0], iris.Labels()[0]) != "[5.1 3.5 1.4 0.2] 0" {
		t.Errorf("first row %v target %d", rows[0], iris.Labels()[0])
	}
	if fmt.Sprint(rows[34], rows[37]) != "[4.9 3.1 1.5 0.2] [4.9 3.6 1.4 0.1]" {
		t.Errorf("rows 35 and 38 are %v %v, not scikit-learn's corrected values", rows[34], rows[37])
	}
	// Rows and Labels are copies: changing them leaves the dataset alone.
	rows[0][0] = 99
	if iris.Data.At(0, 0) != 5.1 {
		t.Errorf("Rows shares memory with Data")
	}
}
