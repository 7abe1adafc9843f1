package nn_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// IrisNet is chapter 2's network, written as a notebook writes it.
type IrisNet struct {
	fc1, fc2 *nn.Linear
}

func (n *IrisNet) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.fc2.Forward(n.fc1.Forward(x).Sigmoid())
}

// print(net) is nn.Print(net); a layer of the package also prints itself with
// fmt, and a parameter prints as PyTorch prints an nn.Parameter.
func ExamplePrint() {
	net := &IrisNet{fc1: nn.NewLinear(4, 5), fc2: nn.NewLinear(5, 1)}
	nn.Print(net)
	fmt.Println(net.fc2)
	net.fc2.Bias.SetData(tensor.New([]float64{0.25}))
	fmt.Println(net.fc2.Bias)
	// Output:
	// IrisNet(
	//   (fc1): Linear(in_features=4, out_features=5, bias=True)
	//   (fc2): Linear(in_features=5, out_features=1, bias=True)
	// )
	// Linear(in_features=5, out_features=1, bias=True)
	// Parameter containing:
	// tensor([0.2500], requires_grad=True)
}

// Chapter 9 puts hand-made kernels into a convolution layer with
// conv1.weight.data = kernels1; in Kosaku that is conv1.Weight.SetData(kernels1).
// The weight stays a parameter, so the output still records its grad_fn.
func Example_setWeightsByHand() {
	conv1 := nn.NewConv2d(1, 2, 3)
	kernels1 := tensor.New([][][][]float64{
		{{{-1, -1, -1}, {1, 1, 1}, {-1, -1, -1}}}, // horizontal line
		{{{-1, 1, -1}, {-1, 1, -1}, {-1, 1, -1}}}, // vertical line
	})
	fmt.Println(kernels1.Shape())
	conv1.Weight.SetData(kernels1)
	conv1.Bias.SetData(tensor.Zeros(2))
	sample := tensor.New([][][][]float64{{{
		{-1, -1, -1, -1},
		{1, 1, 1, 1},
		{-1, -1, -1, -1},
		{-1, -1, -1, -1},
	}}})
	fmt.Println(conv1.Forward(sample))
	// Output:
	// torch.Size([2, 1, 3, 3])
	// tensor([[[[ 9.,  9.],
	//           [-3., -3.]],
	//
	//          [[ 1.,  1.],
	//           [ 1.,  1.]]]], grad_fn=<ConvolutionBackward0>)
}
