package data_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 2 splits iris's 150 flowers into 112 for training and 38 for testing. With
// RandomState(0) the rows are the ones scikit-learn's
// train_test_split(iris.data, iris.target, random_state=0) picks.
func ExampleTrainTestSplit() {
	iris := datasets.Iris()
	xTrain, xTest, yTrain, yTest := data.TrainTestSplit(iris.Data, iris.Target, data.RandomState(0))
	fmt.Println("length of X_train:", xTrain.Len())
	fmt.Println("length of y_train:", yTrain.Len())
	fmt.Println("length of X_test:", xTest.Len())
	fmt.Println("length of y_test:", yTest.Len())
	for i := range 5 {
		fmt.Println("data:", xTrain.Index(i).Float64s(), ", target:", yTrain.Index(i).Item())
	}
	// Output:
	// length of X_train: 112
	// length of y_train: 112
	// length of X_test: 38
	// length of y_test: 38
	// data: [5.9 3 4.2 1.5] , target: 1
	// data: [5.8 2.6 4 1.2] , target: 1
	// data: [6.8 3 5.5 2.1] , target: 2
	// data: [4.7 3.2 1.3 0.2] , target: 0
	// data: [6.9 3.1 5.1 2.3] , target: 2
}

// A DataLoader over a TensorDataset of 10 rows with batches of 4: two full batches and
// a last one of 2 (DropLast would leave it out).
func ExampleDataLoader() {
	x := tensor.Arange(0, 20, 1).Reshape(10, 2)
	y := tensor.ArangeInt(0, 10)
	loader := &data.DataLoader{Dataset: data.NewTensorDataset(x, y), BatchSize: 4}
	fmt.Println("batches:", loader.Len())
	for inputs, labels := range loader.All() {
		fmt.Println(inputs.Shape(), labels.Int64s())
	}
	// Output:
	// batches: 3
	// torch.Size([4, 2]) [0 1 2 3]
	// torch.Size([4, 2]) [4 5 6 7]
	// torch.Size([2, 2]) [8 9]
}

// Chapter 10 keeps 12,000 of MNIST's 60,000 training images aside for validation.
func ExampleRandomSplit() {
	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
	trainset, err := datasets.MNIST("", true, transform, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	parts := data.RandomSplit(trainset, []int{48000, 12000}, tensor.NewGenerator(1))
	trainSet, validSet := parts[0], parts[1]
	trainloader := &data.DataLoader{Dataset: trainSet, BatchSize: 20, Shuffle: true, ShuffleSeed: 1}
	validloader := &data.DataLoader{Dataset: validSet, BatchSize: 20}
	fmt.Println(trainSet.Len(), validSet.Len(), trainloader.Len(), validloader.Len())
	// Output:
	// 48000 12000 2400 600
}
