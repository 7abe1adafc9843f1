package train

import (
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// pkg/data's DataLoader is the loader the lessons use; it must satisfy what a session
// needs to resume exactly, with the same per-epoch seed derivation.
var (
	_ Loader = (*data.DataLoader)(nil)
	_ Seeded = (*data.DataLoader)(nil)
)

func TestEpochSeedAgreesWithData(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42, 1 << 63} {
		for _, epoch := range []int{1, 2, 50} {
			if a, b := EpochSeed(seed, epoch), data.EpochSeed(seed, epoch); a != b {
				t.Fatalf("EpochSeed(%d, %d): train %d, data %d", seed, epoch, a, b)
			}
		}
	}
}

// dropoutNet is a small nn model with Dropout, whose masks come from the global generator.
type dropoutNet struct {
	fc1  *nn.Linear
	drop *nn.Dropout
	fc2  *nn.Linear
}

func (n *dropoutNet) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.fc2.Forward(n.drop.Forward(n.fc1.Forward(x).ReLU()))
}

// nnCell is a training cell written with the lessons' packages, rebuilt from nothing
// as a GoNB cell is: seeded model, a DataLoader whose shuffle seed is drawn from the
// global generator (ShuffleSeed 0), Adam. stopAfter > 0 breaks out after that many
// batches of the run.
func nnCell(t *testing.T, dir string, epochs, stopAfter int, options ...Option) *dropoutNet {
	t.Helper()
	tensor.ManualSeed(3)
	net := &dropoutNet{fc1: nn.NewLinear(4, 16), drop: nn.NewDropout(0.3), fc2: nn.NewLinear(16, 4)}
	g := tensor.NewGenerator(11)
	x := tensor.Randn(g, 90, 4)
	y := x.ArgMax(1) // class: which of the 4 features is largest
	loader := &data.DataLoader{Dataset: data.NewTensorDataset(x, y), BatchSize: 8, Shuffle: true}
	opt := optim.NewAdam(nn.Parameters(net), 0.01)
	s, err := Open("nn", net, opt, append([]Option{Dir(dir), Quiet()}, options...)...)
	if err != nil {
		t.Fatal(err)
	}
	criterion := nn.NewCrossEntropyLoss()
	n := 0
run:
	for range s.Epochs(epochs) {
		for inputs, labels := range s.Batches(loader) {
			opt.ZeroGrad()
			out := net.Forward(inputs)
			loss := criterion.Forward(out, labels)
			loss.Backward()
			opt.Step()
			s.Step(loss)
			if n++; n == stopAfter {
				break run
			}
		}
	}
	return net
}

// TestExactResumeWithLessonPackages: with nn (dropout), data (a loader seeded from the
// global generator) and Adam, 1 + 1 epochs and a stop in the middle of an epoch followed
// by Continue both end bit for bit where 2 epochs in one go end.
func TestExactResumeWithLessonPackages(t *testing.T) {
	whole := nnCell(t, t.TempDir(), 2, 0)

	split := t.TempDir()
	nnCell(t, split, 1, 0)
	resumed := nnCell(t, split, 1, 0, Continue())

	broken := t.TempDir()
	nnCell(t, broken, 2, 17) // 12 batches per epoch: stops after batch 5 of epoch 2
	// Continue's Epochs(1) is the epoch after the last finished one: the rest of epoch 2.
	continued := nnCell(t, broken, 1, 0, Continue())

	fresh := nnCell(t, t.TempDir(), 0, 0)
	for name, p := range nn.StateDict(whole) {
		if slices.Equal(bits(p), bits(nn.StateDict(fresh)[name])) {
			t.Fatalf("%s did not change in training", name)
		}
		for what, other := range map[string]*dropoutNet{"1+1 epochs": resumed, "break + continue": continued} {
			if !slices.Equal(bits(p), bits(nn.StateDict(other)[name])) {
				t.Errorf("%s: %s differs from 2 epochs in one go", what, name)
			}
		}
	}
}
