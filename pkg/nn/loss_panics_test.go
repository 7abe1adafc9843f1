package nn_test

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func TestLossPanicsNameShapes(t *testing.T) {
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { nn.NewMSELoss().Forward(tensor.Zeros(112, 2), tensor.Zeros(112)) },
			"F.MSELoss: input [112 2] and target [112] cannot be broadcast: the size of tensor a (2) must match the size of tensor b (112) at non-singleton dimension 1 (reshape one to the other's shape)"},
		{func() { nn.NewCrossEntropyLoss().Forward(tensor.Zeros(4, 3), tensor.Zeros(4)) },
			"F.CrossEntropy: target must hold class indices as int64 (torch.int64), got torch.float32 (convert with .Long())"},
		{func() { nn.NewCrossEntropyLoss().Forward(tensor.Zeros(4, 3), tensor.FromSlice([]int64{0, 1, 3, 2}, 4)) },
			"F.CrossEntropy: target 3 (sample 2) is out of bounds for 3 classes"},
		{func() { nn.NewBCELoss().Forward(tensor.Full(1.5, 2), tensor.Zeros(2)) },
			"F.BinaryCrossEntropy: input[0] = 1.5 is not a probability in [0, 1] (apply a sigmoid first)"},
		{func() { nn.NewMSELoss(nn.Reduction("average")) },
			`nn.NewMSELoss: reduction "average" is not one of "mean", "sum", "none"`},
		{func() { nn.NewConv2d(3, 4, 3).Forward(tensor.Zeros(1, 1, 8, 8)) },
			"F.Conv2d: input [1 1 8 8] has 1 channels but weight [4 3 3 3] expects 3"},
		{func() { nn.NewLinear(4, 5).Forward(tensor.Zeros(2, 3)) },
			"F.Linear: input shape [2 3] does not end in in_features 4 of weight [5 4]"},
		{func() { nn.NewMaxPool2d(2, nn.Padding(2)) },
			"nn.NewMaxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2"},
	} {
		testkit.ExpectPanic(t, c.want, c.f)
	}
}
