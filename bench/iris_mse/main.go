// Command iris_mse is chapter 2's workload: iris, Linear(4,5)-sigmoid-
// Linear(5,1), MSELoss, SGD lr 0.003, 2000 full-batch steps on the 112
// training rows (timed); accuracy on the 38 test rows. Same as
// bench_torch.py next to it, one JSON line out.
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
}

func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.fc2.Forward(n.fc1.Forward(x).Sigmoid())
}

func main() {
	tensor.ManualSeed(0)
	iris := datasets.Iris()
	xTrain, xTest, yTrain, yTest := data.TrainTestSplit(iris.Data, iris.Target, data.RandomState(0))
	xTrain, xTest = xTrain.Float(), xTest.Float()
	yTrainCol := yTrain.Float().Reshape(-1, 1)

	net := &Net{fc1: nn.NewLinear(4, 5), fc2: nn.NewLinear(5, 1)}
	criterion := nn.NewMSELoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.003)
	var loss *tensor.Tensor
	start := time.Now()
	for range 2000 {
		optimizer.ZeroGrad()
		loss = criterion.Forward(net.Forward(xTrain), yTrainCol)
		loss.Backward()
		optimizer.Step()
	}
	elapsed := time.Since(start)

	var correct int
	tensor.NoGrad(func() {
		pred := net.Forward(xTest).AddScalar(0.5).Int().Reshape(-1)
		correct = int(pred.Eq(yTest).Sum().Item())
	})
	benchkit.Report("iris_mse", elapsed, float64(correct)/float64(yTest.Len()),
		map[string]any{"final_loss": loss.Item(), "test_correct": correct})
}
