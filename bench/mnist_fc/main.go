// Command mnist_fc is chapter 7's workload: MNIST, Net 784-64-10 with ReLU,
// CrossEntropyLoss, SGD lr 0.001 momentum 0.9, one epoch of the shuffled
// training loader (batch 20, ToTensor + Normalize(0.5, 0.5)) timed;
// accuracy on the 10,000 test images afterwards. Same as bench_torch.py.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	benchkit.TimedEpoch("mnist_fc", func() *benchkit.MLP { return benchkit.NewMLP(784, 64, 10, benchkit.ReLU) }, true)
}
