// Package optim holds the optimisers that update a model's parameters from their
// gradients: SGD (with momentum, dampening, weight decay and Nesterov momentum) and Adam
// (with weight decay and AMSGrad), computed step for step as torch.optim.SGD and
// torch.optim.Adam of PyTorch 1.13 compute them.
//
// The names follow PyTorch, so the chapters' lines carry over directly:
//
//	optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
//	optimizer.zero_grad(); loss.backward(); optimizer.step()
//
// becomes
//
//	opt := optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
//	opt.ZeroGrad(); loss.Backward(); opt.Step()
//
// (Example_module runs these lines). An optimiser takes the parameters as a plain
// []*tensor.Tensor (what nn.Parameters returns for a module) and updates their
// float32 (or float64) data in place, without allocating after the first step.
//
// ZeroGrad behaves as PyTorch 1.13's optimizer.zero_grad(), the version the chapters
// ran: it fills every existing gradient with zeros in place (chapter 5 prints
// tensor([[0.]]) after it) and leaves a parameter that never had one at nil.
// opt.ZeroGrad(optim.SetToNone()) sets them all to nil instead, which is
// zero_grad(set_to_none=True) and PyTorch 2's default. The two differ for a
// parameter the next loss does not use: a zero gradient still lets SGD's momentum
// and Adam's moments move it, a nil one makes Step skip it.
//
// An optimiser's internal state — SGD's momentum buffers, Adam's moment estimates and
// step counts — is what makes the next step depend on the previous ones. State and
// LoadState copy it out and back in (under PyTorch's names: "momentum_buffer",
// "exp_avg", "exp_avg_sq"), which is how package train carries a training session from
// one notebook cell to the next and resumes it bit for bit.
//
// The tests compare every option combination with trajectories recorded from PyTorch
// (testdata/reference.py), replay a loop in which one parameter misses its gradient
// on some steps with both kinds of ZeroGrad (testdata/gen_zero_grad.py), and check
// chapter 5's numbers: with lr 0.3, a weight of 1.95
// and a gradient of -0.1 step to 1.98, then a gradient of -0.04 takes it to 1.992.
package optim
