// Command iris_softmax is chapter 3's workload: iris, Linear(4,5)-sigmoid-
// Linear(5,3)-Softmax(dim=1), CrossEntropyLoss, SGD lr 0.3, 2000
// full-batch steps (timed); accuracy on the 112 training rows as the
// chapter counts it. Same as bench_torch.py next to it.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	xTrain, _, yTrain, _ := benchkit.Iris(0)

	net := benchkit.NewMLP(4, 5, 3, benchkit.Sigmoid).WithSoftmax()
	criterion := nn.NewCrossEntropyLoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.3)
	loss, elapsed := benchkit.Steps(2000, optimizer, func() *tensor.Tensor {
		return criterion.Forward(net.Forward(xTrain), yTrain)
	})

	var correct int
	tensor.NoGrad(func() {
		correct = int(net.Forward(xTrain).ArgMax(1).Eq(yTrain).Sum().Item())
	})
	benchkit.Report("iris_softmax", elapsed, float64(correct)/float64(yTrain.Len()),
		map[string]any{"final_loss": loss.Item(), "train_correct": correct})
}
