package data_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Dataset's doc line: Get(i) is dataset[i], one input and its label.
func ExampleDataset() {
	trainset := data.NewTensorDataset(tensor.New([][]float64{{5.1, 3.5}, {4.9, 3.0}}), tensor.New([]int64{0, 1}))
	image, label := trainset.Get(0) // image, label = trainset[0]
	fmt.Println(trainset.Len(), image, label)
	// Output:
	// 2 tensor([5.1000, 3.5000]) tensor(0)
}
