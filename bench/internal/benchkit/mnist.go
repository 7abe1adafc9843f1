package benchkit

import (
	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MNIST loads the training or test set with the chapters' transform
// (ToTensor, then Normalize(0.5, 0.5)), from the Go module cache's copy of
// GoMNIST, offline.
func MNIST(train bool) *datasets.MNISTDataset {
	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
	ds, err := datasets.MNIST("", train, transform, false)
	if err != nil {
		Fail(err)
	}
	return ds
}

// CNN is the chapter 8 / chapter 10 network, as the chapters write it (no
// ReLU after conv2).
type CNN struct {
	conv1 *nn.Conv2d
	pool  *nn.MaxPool2d
	conv2 *nn.Conv2d
	fc1   *nn.Linear
	fc2   *nn.Linear
}

// NewCNN builds the CNN with freshly initialised weights.
func NewCNN() *CNN {
	return &CNN{
		conv1: nn.NewConv2d(1, 6, 5),
		pool:  nn.NewMaxPool2d(2),
		conv2: nn.NewConv2d(6, 16, 5),
		fc1:   nn.NewLinear(16*16, 64),
		fc2:   nn.NewLinear(64, 10),
	}
}

// Forward runs conv1-relu-pool-conv2-pool-fc1-relu-fc2.
func (n *CNN) Forward(x *tensor.Tensor) *tensor.Tensor {
	x = n.pool.Forward(n.conv1.Forward(x).ReLU())
	x = n.pool.Forward(n.conv2.Forward(x))
	x = x.Reshape(-1, 16*16)
	return n.fc2.Forward(n.fc1.Forward(x).ReLU())
}

// TrainEpoch is the chapters' training loop over one epoch: it returns the
// sum of the batch losses and the number of correct predictions. flatten
// reshapes each batch to [N, 784] as chapter 7 does.
func TrainEpoch(net nn.Module, loader *data.DataLoader, criterion *nn.CrossEntropyLoss, optimizer optim.Optimizer, flatten bool) (lossSum float64, correct int) {
	nn.Train(net)
	for inputs, labels := range loader.All() {
		if flatten {
			inputs = inputs.Reshape(-1, 28*28)
		}
		optimizer.ZeroGrad()
		outputs := net.Forward(inputs)
		loss := criterion.Forward(outputs, labels)
		loss.Backward()
		optimizer.Step()
		lossSum += loss.Item()
		correct += int(outputs.ArgMax(1).Eq(labels).Sum().Item())
	}
	return lossSum, correct
}

// Evaluate is the chapters' no-grad pass in evaluation mode: the sum of
// batch losses and the number of correct predictions.
func Evaluate(net nn.Module, loader *data.DataLoader, criterion *nn.CrossEntropyLoss, flatten bool) (lossSum float64, correct int) {
	nn.Eval(net)
	tensor.NoGrad(func() {
		for inputs, labels := range loader.All() {
			if flatten {
				inputs = inputs.Reshape(-1, 28*28)
			}
			outputs := net.Forward(inputs)
			lossSum += criterion.Forward(outputs, labels).Item()
			correct += int(outputs.ArgMax(1).Eq(labels).Sum().Item())
		}
	})
	return lossSum, correct
}
