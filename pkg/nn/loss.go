package nn

import (
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Loss is a criterion: Forward(input, target) returns the loss as a tensor (0-d
// unless the reduction is "none"), ready for Backward. PyTorch writes
// criterion(outputs, labels); Kosaku writes criterion.Forward(outputs, labels).
type Loss interface {
	Forward(input, target *tensor.Tensor) *tensor.Tensor
}

// MSELoss is the mean squared error (torch.nn.MSELoss). Input and target must have
// the same shape (see F.MSELoss for why this is stricter than PyTorch).
type MSELoss struct {
	Reduction F.Reduction
}

// NewMSELoss returns an MSELoss. Option: Reduction("sum" or "none"; default "mean").
func NewMSELoss(opts ...Option) *MSELoss {
	o := lossOptions("nn.NewMSELoss", opts)
	return &MSELoss{Reduction: o.reduction}
}

// Forward returns the loss of input against target.
func (l *MSELoss) Forward(input, target *tensor.Tensor) *tensor.Tensor {
	return F.MSELoss(input, target, l.Reduction)
}

// String is "MSELoss()", as PyTorch prints it.
func (l *MSELoss) String() string { return "MSELoss()" }

// CrossEntropyLoss takes raw scores [N, C] and int64 class indices [N]
// (torch.nn.CrossEntropyLoss): the log-softmax is inside, so the network's last layer
// needs no softmax.
type CrossEntropyLoss struct {
	Reduction F.Reduction
}

// NewCrossEntropyLoss returns a CrossEntropyLoss. Option: Reduction.
func NewCrossEntropyLoss(opts ...Option) *CrossEntropyLoss {
	o := lossOptions("nn.NewCrossEntropyLoss", opts)
	return &CrossEntropyLoss{Reduction: o.reduction}
}

// Forward returns the loss of the scores input against the classes target.
func (l *CrossEntropyLoss) Forward(input, target *tensor.Tensor) *tensor.Tensor {
	return F.CrossEntropy(input, target, l.Reduction)
}

// String is "CrossEntropyLoss()", as PyTorch prints it.
func (l *CrossEntropyLoss) String() string { return "CrossEntropyLoss()" }

// BCELoss is the binary cross-entropy of probabilities against 0/1 labels of the
// same shape (torch.nn.BCELoss): put a sigmoid before it.
type BCELoss struct {
	Reduction F.Reduction
}

// NewBCELoss returns a BCELoss. Option: Reduction.
func NewBCELoss(opts ...Option) *BCELoss {
	o := lossOptions("nn.NewBCELoss", opts)
	return &BCELoss{Reduction: o.reduction}
}

// Forward returns the loss of the probabilities input against the labels target.
func (l *BCELoss) Forward(input, target *tensor.Tensor) *tensor.Tensor {
	return F.BinaryCrossEntropy(input, target, l.Reduction)
}

// String is "BCELoss()", as PyTorch prints it.
func (l *BCELoss) String() string { return "BCELoss()" }

func lossOptions(op string, opts []Option) options {
	o := applyOptions(op, options{reduction: F.ReductionMean}, opts, "Reduction")
	o.reduction.Check(op)
	return o
}
