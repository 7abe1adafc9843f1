package tensor_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// SetData's doc line: hand-made kernels go into a layer's weight, which stays the
// layer's parameter and keeps its float32 dtype though the kernels are float64.
func ExampleTensor_SetData() {
	conv1 := nn.NewConv2d(1, 2, 3)
	weight := conv1.Weight
	kernels1 := tensor.OnesOf(tensor.Float64, 2, 1, 3, 3)
	conv1.Weight.SetData(kernels1) // conv1.weight.data = kernels1
	fmt.Println(conv1.Weight == weight, conv1.Weight.IsParameter(), conv1.Weight.DType())
	fmt.Println(conv1.Weight.Sum().Item())
	// Output:
	// true true torch.float32
	// 18
}
