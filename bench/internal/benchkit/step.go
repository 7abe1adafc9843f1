package benchkit

import (
	"syscall"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Step workloads time the compute of one training step alone: a fixed batch of 20
// drawn once (no loader), zero_grad, forward, cross-entropy, backward and an SGD
// momentum update, repeated. They say what the arithmetic of a step costs, where the
// epoch workloads say what a reader waits for (loader included).
const (
	StepBatch  = 20
	StepWarmup = 100
	StepCount  = 2000
)

// StepLabels are the fixed batch's labels, 0 to 9 twice.
func StepLabels() *tensor.Tensor {
	labels := make([]int64, StepBatch)
	for i := range labels {
		labels[i] = int64(i % 10)
	}
	return tensor.FromSlice(labels, StepBatch)
}

// CPUTime is the user plus system time this process has used, all threads.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TimeSteps runs StepWarmup untimed and StepCount timed training steps of net on
// the fixed batch (x, labels) and reports workload with ms and CPU ms per step and
// GFLOP/s, flopsPerStep being the step's arithmetic (multiply-adds count two).
func TimeSteps(workload string, net nn.Module, x, labels *tensor.Tensor, flopsPerStep float64) {
	criterion := nn.NewCrossEntropyLoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
	var loss *tensor.Tensor
	step := func() {
		optimizer.ZeroGrad()
		loss = criterion.Forward(net.Forward(x), labels)
		loss.Backward()
		optimizer.Step()
	}
	for range StepWarmup {
		step()
	}
	cpu0, start := CPUTime(), time.Now()
	for range StepCount {
		step()
	}
	elapsed, cpu := time.Since(start), CPUTime()-cpu0
	ms := elapsed.Seconds() * 1e3 / StepCount
	Report(workload, elapsed, -1, map[string]any{
		"ms_per_step":     round(ms, 4),
		"cpu_ms_per_step": round(cpu.Seconds()*1e3/StepCount, 4),
		"gflops":          round(flopsPerStep/(ms*1e6), 2),
		"steps":           StepCount,
		"final_loss":      round(loss.Item(), 4),
	})
}
