// Command mlp_step times the compute of one training step of chapter 7's
// 784-64-10 ReLU net at batch 20 on a fixed batch (no loader): zero_grad,
// forward, cross-entropy, backward, SGD momentum step. Same as bench_torch.py
// next to it.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// mlpStepFlops is the arithmetic of one step at batch 20, multiply-adds counted
// twice: forward 784*64 + 64*10 per image, backward twice that less fc1's input
// gradient, which is not needed.
const mlpStepFlops = 2 * benchkit.StepBatch * (3*(784*64+64*10) - 784*64)

type Net struct {
	fc1, fc2 *nn.Linear
}

func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.fc2.Forward(n.fc1.Forward(x).ReLU())
}

func main() {
	tensor.ManualSeed(0)
	net := &Net{fc1: nn.NewLinear(784, 64), fc2: nn.NewLinear(64, 10)}
	x := tensor.Randn(nil, benchkit.StepBatch, 784)
	benchkit.TimeSteps("mlp_step", net, x, benchkit.StepLabels(), mlpStepFlops)
}
