package nn_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// benchConv runs forward and backward of a convolution layer at the lessons' batch
// size of 20, the input needing no gradient (as for a network's first layer) or
// needing one (as for a later layer).
func benchConv(b *testing.B, conv *nn.Conv2d, x *tensor.Tensor) {
	g := tensor.NewGenerator(1)
	y := conv.Forward(x)
	gy := tensor.Randn(g, y.Shape()...)
	oh := y.Shape()[2]
	// Forward plus the weight-gradient product, plus the input-gradient one when x
	// needs it: 2*OC*C*K*K*N*OH*OW flops each.
	products := 2.0
	if x.NeedsGrad() {
		products = 3
	}
	flops := products * 2 * float64(conv.OutChannels*conv.InChannels*conv.KernelSize[0]*conv.KernelSize[1]*x.Shape()[0]*oh*oh)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		conv.Weight.ZeroGrad()
		conv.Bias.ZeroGrad()
		conv.Forward(x).Backward(gy)
	}
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkConv2d_1_6_5(b *testing.B) {
	tensor.ManualSeed(1)
	benchConv(b, nn.NewConv2d(1, 6, 5), tensor.Randn(nil, 20, 1, 28, 28))
}

func BenchmarkConv2d_6_16_5(b *testing.B) {
	tensor.ManualSeed(1)
	benchConv(b, nn.NewConv2d(6, 16, 5), tensor.Randn(nil, 20, 6, 12, 12).RequiresGrad())
}

// CNN is chapter 8's network.
type CNN struct {
	Conv1 *nn.Conv2d
	Pool  *nn.MaxPool2d
	Conv2 *nn.Conv2d
	Fc1   *nn.Linear
	Fc2   *nn.Linear
}

func NewCNN() *CNN {
	return &CNN{
		Conv1: nn.NewConv2d(1, 6, 5), Pool: nn.NewMaxPool2d(2, nn.Stride(2)), Conv2: nn.NewConv2d(6, 16, 5),
		Fc1: nn.NewLinear(16*16, 64), Fc2: nn.NewLinear(64, 10),
	}
}

func (n *CNN) Forward(x *tensor.Tensor) *tensor.Tensor {
	x = n.Pool.Forward(n.Conv1.Forward(x).ReLU())
	x = n.Pool.Forward(n.Conv2.Forward(x)) // no ReLU after conv2, as the chapter writes
	x = x.Reshape(-1, 16*16)
	return n.Fc2.Forward(n.Fc1.Forward(x).ReLU())
}

// BenchmarkCNNTrainStep is one SGD step of the chapter 8 CNN on a batch of 20
// (forward, cross-entropy, backward, momentum update): an MNIST epoch is 3000 of them.
func BenchmarkCNNTrainStep(b *testing.B) {
	tensor.ManualSeed(1)
	net := NewCNN()
	opt := optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
	criterion := nn.NewCrossEntropyLoss()
	x := tensor.Randn(nil, 20, 1, 28, 28)
	labels := make([]int64, 20)
	for i := range labels {
		labels[i] = int64(i % 10)
	}
	y := tensor.FromSlice(labels, 20)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		opt.ZeroGrad()
		loss := criterion.Forward(net.Forward(x), y)
		loss.Backward()
		opt.Step()
	}
	b.ReportMetric(20*float64(b.N)/b.Elapsed().Seconds(), "examples/s")
	// CPU time per step: on a machine shared with other jobs, wall time says little,
	// and CPU time says how much work a step is.
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1e3/float64(b.N), "cpu-ms/step")
}

// cpuTime is the user plus system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
