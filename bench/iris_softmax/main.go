// Command iris_softmax is chapter 3's workload: iris, Linear(4,5)-sigmoid-
// Linear(5,3)-Softmax(dim=1), CrossEntropyLoss, SGD lr 0.3, 2000
// full-batch steps (timed); accuracy on the 112 training rows as the
// chapter counts it. Same as bench_torch.py next to it.
package main

import (
	"time"

	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

type Net struct {
	fc1, fc2 *nn.Linear
	softmax  *nn.Softmax
}

func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.softmax.Forward(n.fc2.Forward(n.fc1.Forward(x).Sigmoid()))
}

func main() {
	tensor.ManualSeed(0)
	iris := datasets.Iris()
	xTrain, _, yTrain, _ := data.TrainTestSplit(iris.Data, iris.Target, data.RandomState(0))
	xTrain = xTrain.Float()

	net := &Net{fc1: nn.NewLinear(4, 5), fc2: nn.NewLinear(5, 3), softmax: nn.NewSoftmax(1)}
	criterion := nn.NewCrossEntropyLoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.3)
	var loss *tensor.Tensor
	start := time.Now()
	for range 2000 {
		optimizer.ZeroGrad()
		loss = criterion.Forward(net.Forward(xTrain), yTrain)
		loss.Backward()
		optimizer.Step()
	}
	elapsed := time.Since(start)

	var correct int
	tensor.NoGrad(func() {
		correct = int(net.Forward(xTrain).ArgMax(1).Eq(yTrain).Sum().Item())
	})
	benchkit.Report("iris_softmax", elapsed, float64(correct)/float64(yTrain.Len()),
		map[string]any{"final_loss": loss.Item(), "train_correct": correct})
}
