package nn_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 9's feature extractor: a padded 3x3 convolution with the two hand-made
// line kernels and no bias, ReLU, and a 2x2 max pooling padded by 1, printed as
// PyTorch prints them. The padding keeps the 4x4 image's border lines: the pooled
// map is 3x3.
func ExampleNewConv2d_chapter9() {
	conv1 := nn.NewConv2d(1, 2, 3, nn.Padding(1), nn.Bias(false))
	pool := nn.NewMaxPool2d(2, nn.Padding(1))
	fmt.Println(conv1)
	fmt.Println(pool)
	conv1.Weight.SetData(tensor.New([][][][]float64{
		{{{-1, -1, -1}, {1, 1, 1}, {-1, -1, -1}}}, // horizontal line
		{{{-1, 1, -1}, {-1, 1, -1}, {-1, 1, -1}}}, // vertical line
	}))
	sample := tensor.New([][][][]float64{{{
		{-1, -1, -1, -1},
		{1, 1, 1, 1},
		{-1, -1, -1, -1},
		{-1, -1, -1, -1},
	}}})
	fMap := conv1.Forward(sample)
	fmt.Println(fMap.Shape())
	fmt.Println(pool.Forward(fMap.ReLU()))
	// Output:
	// Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
	// MaxPool2d(kernel_size=2, stride=2, padding=1, dilation=1, ceil_mode=False)
	// torch.Size([1, 2, 4, 4])
	// tensor([[[[0., 0., 0.],
	//           [6., 9., 6.],
	//           [0., 0., 0.]],
	//
	//          [[0., 0., 0.],
	//           [0., 1., 0.],
	//           [0., 2., 0.]]]], grad_fn=<MaxPool2DWithIndicesBackward0>)
}

// A convolution with a 3x5 kernel moved 2 rows and 1 column at a time, padded by 1
// row and 2 columns (PyTorch's nn.Conv2d(1, 2, (3, 5), stride=(2, 1),
// padding=(1, 2))), and a float64 copy of a model (model.double()).
func ExampleNewConv2d_nonSquare() {
	conv := nn.NewConv2d(1, 2, [2]int{3, 5}, nn.Stride(2, 1), nn.Padding(1, 2))
	fmt.Println(conv)
	fmt.Println(conv.Weight.Shape())
	x := tensor.Zeros(1, 1, 6, 8)
	fmt.Println(conv.Forward(x).Shape())
	nn.Double(conv)
	fmt.Println(conv.Forward(x.Double()).DType())
	// Output:
	// Conv2d(1, 2, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2))
	// torch.Size([2, 1, 3, 5])
	// torch.Size([1, 2, 3, 8])
	// torch.float64
}
