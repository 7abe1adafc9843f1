// Package nn builds neural networks the way torch.nn does: layers (Linear, Conv2d,
// MaxPool2d, Dropout, Softmax, ReLU, Sigmoid, Tanh, Flatten, Sequential), losses
// (MSELoss, CrossEntropyLoss, BCELoss), parameter discovery, training and
// evaluation modes, PyTorch-style printing, and saving a model's parameters to a file.
// The stateless operations behind the layers are in the subpackage functional
// (imported as F, like torch.nn.functional).
//
// # Modules are plain structs
//
// A network is a struct whose fields are its layers, with a Forward method:
//
//	type Net struct {
//		fc1, fc2 *nn.Linear
//	}
//
//	func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor {
//		return n.fc2.Forward(n.fc1.Forward(x).Sigmoid())
//	}
//
// Nothing is registered by hand. Parameters(net) finds fc1.weight, fc1.bias,
// fc2.weight and fc2.bias by looking at the fields (see Module for the rules), so a
// layer written in a notebook is found the same way as the package's own: give it a
// *tensor.Tensor field made with NewParameter (chapter 6's nn.Parameter) and a
// Forward method, and use it next to Linear. Train(net) and Eval(net) switch every
// module of the tree between training and evaluation mode; Sprint(net) prints the
// tree as PyTorch prints a module; Save(net, path) and Load(net, path) carry the
// trained parameters from one notebook cell to the next.
//
// Go has no __call__, so net(x) is written net.Forward(x), and a loss
// criterion(outputs, labels) is criterion.Forward(outputs, labels).
//
// # Speed
//
// Linear, Conv2d, MaxPool2d, Softmax and the losses are fused operations with their
// own backward functions. Conv2d turns a whole batch into one im2col matrix and one
// matrix product (gonum's blas32, which a faster Sgemm can replace through
// blas32.Use), reuses its column buffers across batches, and spreads per-sample work
// over the CPU cores.
package nn
