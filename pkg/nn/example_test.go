package nn_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MyLinear is chapter 6's hand-written layer: two parameters and a Forward method.
type MyLinear struct {
	InFeatures, OutFeatures int
	Weight, Bias            *tensor.Tensor
}

func NewMyLinear(in, out int) *MyLinear {
	k := 1 / float64(in)
	return &MyLinear{
		InFeatures:  in,
		OutFeatures: out,
		Weight:      nn.NewParameter(tensor.Empty(out, in).Uniform_(-math.Sqrt(k), math.Sqrt(k), nil)),
		Bias:        nn.NewParameter(tensor.Empty(out).Uniform_(-k, k, nil)),
	}
}

func (m *MyLinear) Forward(x *tensor.Tensor) *tensor.Tensor {
	return F.Linear(x, m.Weight, m.Bias)
}

// Net mixes the reader's layer with the package's.
type Net struct {
	fc1 *MyLinear
	fc2 *nn.Linear
}

func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.fc2.Forward(n.fc1.Forward(x).Sigmoid())
}

// A module written in a notebook is found, trained and printed like the package's
// own layers, without listing its parameters anywhere.
func Example_userModule() {
	tensor.ManualSeed(0)
	net := &Net{fc1: NewMyLinear(4, 5), fc2: nn.NewLinear(5, 1)}
	fmt.Println(nn.Sprint(net))
	for name, p := range nn.NamedParameters(net) {
		fmt.Println(name, p.Shape())
	}
	x := tensor.New([][]float32{{5.1, 3.5, 1.4, 0.2}, {6.2, 2.9, 4.3, 1.3}})
	fmt.Println(net.Forward(x).Shape())
	// Output:
	// Net(
	//   (fc1): MyLinear()
	//   (fc2): Linear(in_features=5, out_features=1, bias=True)
	// )
	// fc1.weight torch.Size([5, 4])
	// fc1.bias torch.Size([5])
	// fc2.weight torch.Size([1, 5])
	// fc2.bias torch.Size([1])
	// torch.Size([2, 1])
}

// A model trained in one notebook cell reaches the next through a file: Save
// writes the parameters atomically, Load checks names and shapes before copying.
func ExampleSave() {
	dir, _ := os.MkdirTemp("", "kosaku")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "iris.kosaku")

	tensor.ManualSeed(1)
	trained := nn.NewSequential(nn.NewLinear(4, 5), nn.NewSigmoid(), nn.NewLinear(5, 1))
	if err := nn.Save(trained, path); err != nil {
		fmt.Println(err)
	}
	fresh := nn.NewSequential(nn.NewLinear(4, 5), nn.NewSigmoid(), nn.NewLinear(5, 1))
	fmt.Println(nn.Load(fresh, path))
	fmt.Println(fresh.Layers[0].(*nn.Linear).Weight.At(0, 0) == trained.Layers[0].(*nn.Linear).Weight.At(0, 0))

	wider := nn.NewSequential(nn.NewLinear(4, 6), nn.NewSigmoid(), nn.NewLinear(6, 1))
	err := nn.Load(wider, path)
	fmt.Println(strings.ReplaceAll(err.Error(), path, "iris.kosaku"))
	// Output:
	// <nil>
	// true
	// nn.Load: iris.kosaku does not fit the Sequential model: parameter 0.weight has shape [6 4] in the model but [5 4] in the state dict; parameter 0.bias has shape [6] in the model but [5] in the state dict; parameter 2.weight has shape [1 6] in the model but [1 5] in the state dict
}
