package datasets

import (
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// IrisDataset is Fisher's iris data as scikit-learn's load_iris returns it: 150 flowers,
// 50 of each of three species in order, four measurements each.
type IrisDataset struct {
	Data         *tensor.Tensor // [150, 4] float64: sepal length, sepal width, petal length, petal width (cm)
	Target       *tensor.Tensor // [150] int64: 0 setosa, 1 versicolor, 2 virginica
	TargetNames  []string       // setosa, versicolor, virginica
	FeatureNames []string       // sepal length (cm), sepal width (cm), petal length (cm), petal width (cm)
}

// Iris returns the iris data set, sklearn.datasets.load_iris(): embedded in the
// package, so it needs no file and no network.
//
//	iris := datasets.Iris()
//	fmt.Println(iris.Data.Shape()) // torch.Size([150, 4])
func Iris() *IrisDataset {
	rows, labels, classes := parseIrisCSV()
	return &IrisDataset{
		Data:         tensor.FromRows(rows),
		Target:       tensor.FromSlice(labels, len(labels)),
		TargetNames:  classes,
		FeatureNames: []string{"sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"},
	}
}

// Rows is the data as plain Go rows (a fresh copy): Rows()[i] is flower i's four
// measurements, as iris.data[i] is in NumPy.
func (d *IrisDataset) Rows() [][]float64 {
	flat := d.Data.Float64s()
	nf := len(d.FeatureNames)
	rows := make([][]float64, d.Data.Len())
	for i := range rows {
		rows[i] = append([]float64(nil), flat[i*nf:(i+1)*nf]...)
	}
	return rows
}

// Labels is the target as plain Go ints (a fresh copy).
func (d *IrisDataset) Labels() []int {
	t := d.Target.Int64s()
	out := make([]int, len(t))
	for i, v := range t {
		out[i] = int(v)
	}
	return out
}
