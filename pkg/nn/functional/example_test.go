package functional_test

import (
	"fmt"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 6: F.Linear computes w @ x + b, here on integers.
func ExampleLinear() {
	w := tensor.ArangeInt(1, 21).Reshape(5, 4)
	b := tensor.ArangeInt(1, 6)
	x := tensor.ArangeInt(1, 5)
	fmt.Println(F.Linear(x, w, b))
	// Output:
	// tensor([ 31,  72, 113, 154, 195])
}

// Chapter 8: the cross kernel finds the crossing in the middle of the 5x5 cross, and
// 2x2 max pooling keeps its strongest response.
func ExampleConv2d() {
	cross := tensor.New([][][][]float32{{{
		{1, -1, -1, -1, 1},
		{-1, 1, -1, 1, -1},
		{-1, -1, 1, -1, -1},
		{-1, 1, -1, 1, -1},
		{1, -1, -1, -1, 1},
	}}})
	kernel := tensor.New([][][][]float32{{{{1, -1, 1}, {-1, 1, -1}, {1, -1, 1}}}})
	fmap := F.Conv2d(cross, kernel, nil, 1, 0)
	fmt.Println(fmap)
	fmt.Println(F.MaxPool2d(fmap, 2, 2, 0))
	// Output:
	// tensor([[[[ 5., -7.,  5.],
	//           [-7.,  9., -7.],
	//           [ 5., -7.,  5.]]]])
	// tensor([[[[9.]]]])
}

// CrossEntropy takes raw scores and class indices; the softmax is inside. The
// printed values are PyTorch's for the same call.
func ExampleCrossEntropy() {
	scores := tensor.New([][]float32{{2, 0, 0}, {0, 0, 2}}).RequiresGrad()
	labels := tensor.New([]int64{0, 1})
	loss := F.CrossEntropy(scores, labels, F.ReductionMean)
	fmt.Println(loss)
	loss.Backward()
	fmt.Println(scores.Grad())
	// Output:
	// tensor(1.2395, grad_fn=<NllLossBackward0>)
	// tensor([[-0.1065,  0.0533,  0.0533],
	//         [ 0.0533, -0.4467,  0.3935]])
}
