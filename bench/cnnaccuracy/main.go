// Command cnnaccuracy trains chapter 8's MNIST CNN for two epochs with the chapter's
// hyperparameters (batch 20, SGD lr=0.001 momentum=0.9, CrossEntropyLoss) and checks
// the floor of LESSONS.md: test accuracy >= 0.97. It prints the running loss every
// 500 batches like the chapter, the accuracy, and the wall time of each epoch, and
// exits with status 1 below the floor. Too slow for the unit tests (about a minute).
//
//	go run ./bench/cnnaccuracy [-epochs 2] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Net is chapter 8's CNN, as the chapter writes it (no ReLU after conv2).
type Net struct {
	conv1 *nn.Conv2d
	pool  *nn.MaxPool2d
	conv2 *nn.Conv2d
	fc1   *nn.Linear
	fc2   *nn.Linear
}

func NewNet() *Net {
	return &Net{
		conv1: nn.NewConv2d(1, 6, 5),
		pool:  nn.NewMaxPool2d(2, nn.Stride(2)),
		conv2: nn.NewConv2d(6, 16, 5),
		fc1:   nn.NewLinear(16*16, 64),
		fc2:   nn.NewLinear(64, 10),
	}
}

func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor {
	x = n.pool.Forward(n.conv1.Forward(x).ReLU())
	x = n.pool.Forward(n.conv2.Forward(x))
	x = x.Reshape(-1, 16*16)
	return n.fc2.Forward(n.fc1.Forward(x).ReLU())
}

func main() {
	epochs := flag.Int("epochs", 2, "training epochs")
	seed := flag.Uint64("seed", 1, "seed of weights and shuffling")
	floor := flag.Float64("floor", 0.97, "minimum test accuracy")
	flag.Parse()

	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
	trainset, err := datasets.MNIST("", true, transform, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	testset, err := datasets.MNIST("", false, transform, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tensor.ManualSeed(*seed)
	trainloader := &data.DataLoader{Dataset: trainset, BatchSize: 20, Shuffle: true, ShuffleSeed: *seed}
	testloader := &data.DataLoader{Dataset: testset, BatchSize: 20}

	net := NewNet()
	fmt.Println(nn.Sprint(net))
	criterion := nn.NewCrossEntropyLoss()
	optimizer := optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
	for epoch := 1; epoch <= *epochs; epoch++ {
		start := time.Now()
		running := 0.0
		count := 0
		for inputs, labels := range trainloader.All() {
			count++
			optimizer.ZeroGrad()
			loss := criterion.Forward(net.Forward(inputs), labels)
			loss.Backward()
			optimizer.Step()
			running += loss.Item()
			if count%500 == 0 {
				fmt.Printf("#%d, data: %d, running_loss: %1.3f\n", epoch, count*20, running/500)
				running = 0
			}
		}
		fmt.Printf("epoch %d: %.2f s\n", epoch, time.Since(start).Seconds())
	}

	start := time.Now()
	correct, total := 0, 0
	tensor.NoGrad(func() {
		for inputs, labels := range testloader.All() {
			_, predicted := net.Forward(inputs).Max(1)
			total += labels.Len()
			correct += int(predicted.Eq(labels).Sum().Item())
		}
	})
	acc := float64(correct) / float64(total)
	fmt.Printf("correct: %d, accuracy: %d / %d = %v (inference %.2f s)\n", correct, correct, total, acc, time.Since(start).Seconds())
	if acc < *floor {
		fmt.Printf("FAIL: accuracy %v is below the floor %v\n", acc, *floor)
		os.Exit(1)
	}
}
