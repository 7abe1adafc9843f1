package nn_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// NewCrossEntropyLoss's doc line: keyword options named after PyTorch's. The loss
// prints as PyTorch prints it, whatever the options.
func ExampleNewCrossEntropyLoss() {
	criterion := nn.NewCrossEntropyLoss(nn.LabelSmoothing(0.1), nn.IgnoreIndex(0))
	scores := tensor.New([][]float64{{2, 0.5, -1}, {0.1, 0.2, 3}})
	fmt.Println(criterion)
	fmt.Printf("%.4f\n", criterion.Forward(scores, tensor.New([]int64{0, 2})).Item())
	// Output:
	// CrossEntropyLoss()
	// 0.2996
}

// NewMaxPool2d's doc lines: chapter 9's pool, and a non-square one with its own stride.
func ExampleNewMaxPool2d() {
	x := tensor.Arange(0, 16, 1).Reshape(1, 1, 4, 4)
	fmt.Println(nn.NewMaxPool2d(2, nn.Padding(1)).Forward(x).Shape())
	fmt.Println(nn.NewMaxPool2d([2]int{2, 3}, nn.Stride(1, 2)).Forward(x).Shape())
	// Output:
	// torch.Size([1, 1, 3, 3])
	// torch.Size([1, 1, 3, 1])
}
