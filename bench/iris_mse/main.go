// Command iris_mse is chapter 2's workload: iris, Linear(4,5)-sigmoid-
// Linear(5,1), MSELoss, SGD lr 0.003, 2000 full-batch steps on the 112
// training rows (timed); accuracy on the 38 test rows. Same as
// bench_torch.py next to it, one JSON line out.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	xTrain, xTest, yTrain, yTest := benchkit.Iris(0)
	yTrainCol := yTrain.Float().Reshape(-1, 1)

	net := benchkit.NewMLP(4, 5, 1, benchkit.Sigmoid)
	criterion := nn.NewMSELoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.003)
	loss, elapsed := benchkit.Steps(2000, optimizer, func() *tensor.Tensor {
		return criterion.Forward(net.Forward(xTrain), yTrainCol)
	})

	var correct int
	tensor.NoGrad(func() {
		pred := net.Forward(xTest).AddScalar(0.5).Int().Reshape(-1)
		correct = int(pred.Eq(yTest).Sum().Item())
	})
	benchkit.Report("iris_mse", elapsed, float64(correct)/float64(yTest.Len()),
		map[string]any{"final_loss": loss.Item(), "test_correct": correct})
}
