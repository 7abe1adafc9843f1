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
// module of the tree between training and evaluation mode; Save(net, path) and
// Load(net, path) carry the trained parameters from one notebook cell to the next.
// Save replaces the file atomically, so a cell killed mid-save leaves the old file or
// the new one; it removes the temporary files of saves killed earlier (not those of a
// save still running in another kernel), keeps the file's permissions (0644 less the
// umask for a new file, as torch.save's open() gives) and, given a symlink, replaces
// the file it points to. Both stream the file (no copy of the model in memory), and
// Load's error says which way out there is: it matches ErrCorrupt for a damaged or
// foreign file (save again) and ErrNewerFormat for one written by a newer Kosaku
// (update); see ExampleLoad_damaged. pkg/train's sessions use the same tensor codec.
//
// # Printing
//
// PyTorch's print(net) is nn.Print(net) (nn.Sprint(net) returns the text; ExamplePrint
// builds the Net above and prints it):
//
//	Net(
//	  (fc1): Linear(in_features=4, out_features=5, bias=True)
//	  (fc2): Linear(in_features=5, out_features=1, bias=True)
//	)
//
// The package's own modules (Linear, Conv2d, MaxPool2d, Sequential, the
// activations, Dropout, the losses) print the same way with fmt.Println. A network
// struct written in a notebook does not; this differs from PyTorch of necessity:
// Go has no way for an embedded type to print the struct around it, so
// fmt.Println(net) shows the struct's pointers. A parameter prints as
// torch.nn.Parameter does (fmt.Println(net.fc1.Weight) gives "Parameter
// containing:" and the tensor with requires_grad=True).
//
// # Setting weights by hand
//
// Chapters 8 and 9 put hand-made kernels into a layer with
// conv1.weight.data = kernels1. In Kosaku that is conv1.Weight.SetData(kernels1):
// the weight stays the layer's parameter, takes the kernels' shape and values
// (converted to its dtype, so a float64 source gives a float32 weight), and
// conv1.Forward still records ConvolutionBackward0. conv1.Weight.CopyFrom(kernels1)
// does the same for equal shapes, and conv1.Weight = nn.NewParameter(kernels1)
// replaces the parameter. Assigning a plain tensor, conv1.Weight = kernels1, is
// what PyTorch refuses with a TypeError; Go cannot refuse the assignment, so
// Parameters, NamedParameters, StateDict, Save and Linear's Forward panic at the
// next use, naming the field and both fixes, instead of training nothing.
//
// # Convolution and pooling sizes, float64 models
//
// Conv2d and MaxPool2d take every size as PyTorch does, one int for a square or a
// (height, width) pair: nn.NewConv2d(1, 2, [2]int{3, 5}, nn.Stride(2, 1),
// nn.Padding(1, 2), nn.Dilation(2)) is nn.Conv2d(1, 2, (3, 5), stride=(2, 1),
// padding=(1, 2), dilation=2); the options take one value or two. Conv2d keeps its
// sizes as pairs and prints them as tuples; MaxPool2d prints each size as it was
// given (kernel_size=2 or kernel_size=(2, 3)), as PyTorch does. Layers are float32
// like PyTorch's; nn.Double(net) converts every parameter in place to float64
// (net.double()), after which Conv2d, MaxPool2d and Linear take float64 inputs, and
// nn.Float(net) converts back. Do it before creating the optimiser.
//
// # Losses
//
// A loss is a module with Forward(input, target). MSELoss broadcasts an input
// and a target of different shapes as PyTorch 1.13 does (chapter 5's
// criterion(w @ x, t) compares a [1] with a [1, 1]) and prints PyTorch's
// UserWarning to standard error once per process (F.SetWarningOutput redirects or
// silences it); BCELoss refuses different shapes, as 1.13 does. CrossEntropyLoss
// takes class indices or class probabilities, and the options Weight, IgnoreIndex
// (targets equal to -100 are ignored by default, as in PyTorch) and
// LabelSmoothing besides Reduction.
//
// Go has no __call__, so net(x) is written net.Forward(x), and a loss
// criterion(outputs, labels) is criterion.Forward(outputs, labels).
//
// # Speed
//
// Linear, Conv2d, MaxPool2d, Softmax and the losses are fused operations with their
// own backward functions. Conv2d turns a whole batch into one im2col matrix and one
// matrix product (gonum's blas32 for float32, which a faster Sgemm can replace
// through blas32.Use, and blas64 for float64), reuses its column buffers across
// batches, and spreads per-sample work over the CPU cores.
package nn
