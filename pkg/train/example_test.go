package train_test

import (
	"fmt"
	"os"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
	"github.com/kosaku-dl/kosaku/pkg/train"
)

// Three notebook cells, each a fresh program in GoNB (here: three function calls that
// share nothing but the stored session). The first trains chapter 3's iris network
// for 20 epochs; the second restores the trained model without training and measures
// it; the third trains 20 epochs more.
func Example() {
	dir, _ := os.MkdirTemp("", "kosaku-train-example")
	defer os.RemoveAll(dir)

	// What every cell declares: the data, the loader and the model, seeded.
	iris := datasets.Iris()
	xTrain, _, yTrain, _ := data.TrainTestSplit(iris.Data.Float(), iris.Target, data.RandomState(0))
	loader := &data.DataLoader{Dataset: data.NewTensorDataset(xTrain, yTrain), BatchSize: 16, Shuffle: true, ShuffleSeed: 1}
	newNet := func() nn.Module {
		tensor.ManualSeed(1)
		return nn.NewSequential(nn.NewLinear(4, 5), nn.NewSigmoid(), nn.NewLinear(5, 3))
	}
	criterion := nn.NewCrossEntropyLoss()
	accuracy := func(net nn.Module) (correct int) {
		tensor.NoGrad(func() { correct = train.CountCorrect(net.Forward(xTrain), yTrain) })
		return correct
	}

	// The training cell; train.Continue() in the third.
	trainCell := func(options ...train.Option) int {
		net := newNet()
		opt := optim.NewSGD(nn.Parameters(net), 0.1, optim.Momentum(0.9))
		options = append([]train.Option{train.Dir(dir), train.Seed(1), train.Quiet()}, options...)
		s, err := train.Open("iris", net, opt, options...)
		if err != nil {
			fmt.Println(err)
			return 0
		}
		for range s.Epochs(20) {
			for inputs, labels := range s.Batches(loader) {
				opt.ZeroGrad()
				outputs := net.Forward(inputs)
				loss := criterion.Forward(outputs, labels)
				loss.Backward()
				opt.Step()
				s.Step(loss)
				s.Correct(train.CountCorrect(outputs, labels))
			}
		}
		h := s.History()
		fmt.Printf("trained to epoch %d (%d steps); loss fell from epoch 1 to %d: %v\n",
			s.Epoch(), s.Steps(), s.Epoch(), h[len(h)-1].Loss() < h[0].Loss())
		return accuracy(net)
	}

	trained := trainCell()

	net := newNet() // a later cell: a new, untrained model...
	s, err := train.Load("iris", net, train.Dir(dir))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loaded epoch %d; same accuracy as the training cell measured: %v\n", s.Epoch(), accuracy(net) == trained)

	trainCell(train.Continue())
	// Output:
	// trained to epoch 20 (140 steps); loss fell from epoch 1 to 20: true
	// loaded epoch 20; same accuracy as the training cell measured: true
	// trained to epoch 40 (280 steps); loss fell from epoch 1 to 40: true
}
