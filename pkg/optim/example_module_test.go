package optim_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The package doc's lines on a module: nn.Parameters(net) lists the tensors the
// optimiser updates, and one ZeroGrad, Backward, Step is one training step.
func Example_module() {
	tensor.ManualSeed(1)
	net := nn.NewSequential(nn.NewLinear(4, 3), nn.NewReLU(), nn.NewLinear(3, 1))
	opt := optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))

	x, t := tensor.Ones(8, 4), tensor.Zeros(8, 1)
	before := nn.NewMSELoss().Forward(net.Forward(x), t).Item()
	for i := 0; i < 20; i++ {
		loss := nn.NewMSELoss().Forward(net.Forward(x), t)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
	}
	after := nn.NewMSELoss().Forward(net.Forward(x), t).Item()
	fmt.Println(len(opt.Params()), "parameters; loss went down:", after < before)
	// Output:
	// 4 parameters; loss went down: true
}

// NewAdam's doc line on a module.
func ExampleNewAdam_module() {
	net := nn.NewLinear(2, 1)
	opt := optim.NewAdam(nn.Parameters(net), 0.001)
	fmt.Println(opt.Params()[0].Shape(), opt.Params()[1].Shape())
	// Output:
	// torch.Size([1, 2]) torch.Size([1])
}
