package benchkit

import (
	"time"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// MLP is the two-layer net of every chapter without convolutions: Linear(in, hidden),
// an activation, Linear(hidden, out), then an optional output function.
type MLP struct {
	Fc1, Fc2 *nn.Linear
	Softmax  *nn.Softmax // chapter 3's output layer; nil for none

	hidden, output func(*tensor.Tensor) *tensor.Tensor
}

// NewMLP builds Linear(in, hidden) -> act -> Linear(hidden, out); fc1 is made first,
// as the chapters' __init__ does, so a seed gives the chapters' weights.
func NewMLP(in, hidden, out int, act func(*tensor.Tensor) *tensor.Tensor) *MLP {
	return &MLP{Fc1: nn.NewLinear(in, hidden), Fc2: nn.NewLinear(hidden, out), hidden: act}
}

// WithSoftmax adds chapter 3's Softmax(dim=1) output layer.
func (n *MLP) WithSoftmax() *MLP { n.Softmax = nn.NewSoftmax(1); return n }

// WithSigmoidOut adds chapter 9's sigmoid on the output.
func (n *MLP) WithSigmoidOut() *MLP { n.output = (*tensor.Tensor).Sigmoid; return n }

// Forward runs the net.
func (n *MLP) Forward(x *tensor.Tensor) *tensor.Tensor {
	x = n.Fc2.Forward(n.hidden(n.Fc1.Forward(x)))
	if n.Softmax != nil {
		x = n.Softmax.Forward(x)
	}
	if n.output != nil {
		x = n.output(x)
	}
	return x
}

// The activations, as method values.
var (
	Sigmoid = (*tensor.Tensor).Sigmoid
	ReLU    = (*tensor.Tensor).ReLU
)

// Iris is the chapters' 75 / 25 split of iris (random_state = seed), inputs float32.
func Iris(seed uint32) (xTrain, xTest, yTrain, yTest *tensor.Tensor) {
	iris := datasets.Iris()
	xTrain, xTest, yTrain, yTest = data.TrainTestSplit(iris.Data, iris.Target, data.RandomState(seed))
	return xTrain.Float(), xTest.Float(), yTrain, yTest
}

// Steps runs n full-batch training steps (zero_grad, loss, backward, step) and
// returns the last loss and the time they took.
func Steps(n int, optimizer optim.Optimizer, loss func() *tensor.Tensor) (*tensor.Tensor, time.Duration) {
	var l *tensor.Tensor
	start := time.Now()
	for range n {
		optimizer.ZeroGrad()
		l = loss()
		l.Backward()
		optimizer.Step()
	}
	return l, time.Since(start)
}

// MNISTLoaders are the chapters' loaders: the shuffled training set and the test
// set in batches of 20.
func MNISTLoaders() (trainset, testset *datasets.MNISTDataset, trainloader, testloader *data.DataLoader) {
	trainset, testset = MNIST(true), MNIST(false)
	return trainset, testset,
		&data.DataLoader{Dataset: trainset, BatchSize: 20, Shuffle: true},
		&data.DataLoader{Dataset: testset, BatchSize: 20}
}

// ChapterSGD is the MNIST chapters' criterion and optimiser: cross-entropy, and SGD
// with lr 0.001 and momentum 0.9.
func ChapterSGD(net nn.Module) (*nn.CrossEntropyLoss, optim.Optimizer) {
	return nn.NewCrossEntropyLoss(), optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
}
