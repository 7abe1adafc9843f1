package optim_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 5 in Go: one weight w = [[1.95]] learns to map x = 1 to t = 2 under a squared
// error, with plain SGD at learning rate 0.3.
func Example() {
	w := tensor.New([][]float32{{1.95}}).RequiresGrad()
	t := tensor.New([][]float32{{2.0}})
	x := tensor.New([]float32{1.0})
	opt := optim.NewSGD([]*tensor.Tensor{w}, 0.3)

	for i := 0; i < 2; i++ {
		opt.ZeroGrad()
		loss := w.Mul(x).Sub(t).Pow(2).Mean()
		loss.Backward()
		grad := w.Grad().Item()
		opt.Step()
		fmt.Printf("grad %.4f -> w %.4f\n", grad, w.Item())
	}
	// Output:
	// grad -0.1000 -> w 1.9800
	// grad -0.0400 -> w 1.9920
}

// The chapters' optimiser for MNIST: SGD with momentum. Printing it shows the settings
// the way PyTorch prints torch.optim.SGD(params, lr=0.001, momentum=0.9).
func ExampleNewSGD() {
	w := tensor.Zeros(64, 784).RequiresGrad()
	b := tensor.Zeros(64).RequiresGrad()
	opt := optim.NewSGD([]*tensor.Tensor{w, b}, 0.001, optim.Momentum(0.9))
	fmt.Println(opt)
	// Output:
	// SGD (
	// Parameter Group 0
	//     dampening: 0
	//     differentiable: False
	//     foreach: None
	//     lr: 0.001
	//     maximize: False
	//     momentum: 0.9
	//     nesterov: False
	//     weight_decay: 0
	// )
}

// Adam with PyTorch's defaults; its state after one step holds the two moment
// estimates and the step count, under PyTorch's names.
func ExampleNewAdam() {
	w := tensor.New([]float32{1, -2}).RequiresGrad()
	opt := optim.NewAdam([]*tensor.Tensor{w}, 0.001)
	w.Mul(w).Sum().Backward() // gradient 2w = [2, -4]
	opt.Step()
	st := opt.State()
	fmt.Printf("%.4f\n", w.Float32s())
	fmt.Println(st.Params[0].Step, st.Params[0].Buffers["exp_avg"].Float32s(), st.Params[0].Buffers["exp_avg_sq"].Float32s())
	// Output:
	// [0.9990 -1.9990]
	// 1 [0.2 -0.4] [0.004 0.016]
}
