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

// IrisRun is a trained iris net of chapters 2 and 3, with its split, the last
// training loss and the time the training steps took.
type IrisRun struct {
	Net                          *MLP
	XTrain, XTest, YTrain, YTest *tensor.Tensor
	Loss                         *tensor.Tensor
	Elapsed                      time.Duration
}

// TrainIris is chapters 2 and 3's training, torch's seed and the split's random_state
// both seed: Linear(4,5) -> sigmoid -> Linear(5,out), out 3 adding chapter 3's
// Softmax(dim=1), then 2000 full-batch SGD steps (lr) of criterion(net(xTrain),
// target(yTrain)), timed.
func TrainIris(seed uint64, out int, lr float64, criterion nn.Loss, target func(y *tensor.Tensor) *tensor.Tensor) IrisRun {
	tensor.ManualSeed(seed)
	r := IrisRun{}
	r.XTrain, r.XTest, r.YTrain, r.YTest = Iris(uint32(seed))
	r.Net = NewMLP(4, 5, out, Sigmoid)
	if out == 3 {
		r.Net.WithSoftmax()
	}
	optimizer := optim.NewSGD(nn.Parameters(r.Net), lr)
	yt := target(r.YTrain)
	r.Loss, r.Elapsed = Steps(2000, optimizer, func() *tensor.Tensor { return criterion.Forward(r.Net.Forward(r.XTrain), yt) })
	return r
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

// MNISTChapter is the MNIST chapters' set-up (chapters 7 and 8): the training and
// test sets, their loaders (the training set shuffled, both in batches of 20), a net
// made after them, and the chapters' criterion and optimiser (ChapterSGD). Flatten
// reshapes each batch to [N, 784], as chapter 7 does.
type MNISTChapter struct {
	Trainset, Testset       *datasets.MNISTDataset
	Trainloader, Testloader *data.DataLoader
	Net                     nn.Module
	Criterion               *nn.CrossEntropyLoss
	Optimizer               optim.Optimizer
	Flatten                 bool
}

// NewMNISTChapter loads MNIST, makes the loaders, then the net with newNet, then the
// criterion and optimiser: the order of the chapters' cells.
func NewMNISTChapter[N nn.Module](newNet func() N, flatten bool) *MNISTChapter {
	c := &MNISTChapter{Trainset: MNIST(true), Testset: MNIST(false), Flatten: flatten}
	c.Trainloader = &data.DataLoader{Dataset: c.Trainset, BatchSize: 20, Shuffle: true}
	c.Testloader = &data.DataLoader{Dataset: c.Testset, BatchSize: 20}
	c.Net = newNet()
	c.Criterion, c.Optimizer = ChapterSGD(c.Net)
	return c
}

// TrainEpoch trains the net one epoch over the training loader (TrainEpoch).
func (c *MNISTChapter) TrainEpoch() (lossSum float64, correct int) {
	return TrainEpoch(c.Net, c.Trainloader, c.Criterion, c.Optimizer, c.Flatten)
}

// Evaluate runs the net over the test loader (Evaluate).
func (c *MNISTChapter) Evaluate() (lossSum float64, correct int) {
	return Evaluate(c.Net, c.Testloader, c.Criterion, c.Flatten)
}

// TimedEpoch is the workload of chapters 7 and 8 (mnist_fc, mnist_cnn): one training
// epoch of the chapter's set-up, timed; then, untimed, the accuracy on the test set,
// reported with the epoch's mean batch loss and training accuracy.
func TimedEpoch[N nn.Module](workload string, newNet func() N, flatten bool) {
	c := NewMNISTChapter(newNet, flatten)
	start := time.Now()
	lossSum, trainCorrect := c.TrainEpoch()
	elapsed := time.Since(start)
	_, correct := c.Evaluate()
	Report(workload, elapsed, float64(correct)/float64(c.Testset.Len()), map[string]any{
		"train_loss_mean": lossSum / float64(c.Trainloader.Len()),
		"train_accuracy":  float64(trainCorrect) / float64(c.Trainset.Len()),
	})
}

// ChapterSGD is the MNIST chapters' criterion and optimiser: cross-entropy, and SGD
// with lr 0.001 and momentum 0.9.
func ChapterSGD(net nn.Module) (*nn.CrossEntropyLoss, optim.Optimizer) {
	return nn.NewCrossEntropyLoss(), optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
}
