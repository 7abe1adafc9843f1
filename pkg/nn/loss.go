package nn

import (
	"fmt"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Loss is a criterion: Forward(input, target) returns the loss as a tensor (0-d
// unless the reduction is "none"), ready for Backward. PyTorch writes
// criterion(outputs, labels); Kosaku writes criterion.Forward(outputs, labels).
type Loss interface {
	Forward(input, target *tensor.Tensor) *tensor.Tensor
}

// MSELoss is the mean squared error (torch.nn.MSELoss). Input and target of
// different shapes are broadcast, with PyTorch's UserWarning (see F.MSELoss).
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
	checkLoss("nn.MSELoss.Forward", l)
	return F.MSELoss(input, target, l.Reduction)
}

// String is "MSELoss()", as PyTorch prints it.
func (l *MSELoss) String() string { return "MSELoss()" }

// CrossEntropyLoss takes raw scores [N, C] and int64 class indices [N]
// (torch.nn.CrossEntropyLoss): the log-softmax is inside, so the network's last layer
// needs no softmax. It also takes class probabilities of the scores' shape, an
// unbatched sample [C] or scores per position [N, C, d1, ...] (see F.CrossEntropy),
// and the options Weight, IgnoreIndex and LabelSmoothing besides Reduction:
//
//	criterion := nn.NewCrossEntropyLoss(nn.LabelSmoothing(0.1), nn.IgnoreIndex(0))
//
// (see ExampleNewCrossEntropyLoss).
type CrossEntropyLoss struct {
	Reduction F.Reduction
	// Weight rescales each class's loss ([C] values, nil for none).
	Weight *tensor.Tensor
	// IgnoreIndex is the target class that is skipped (default -100).
	IgnoreIndex int64
	// LabelSmoothing in [0, 1] (default 0).
	LabelSmoothing float64
}

// NewCrossEntropyLoss returns a CrossEntropyLoss. Options: Reduction, Weight,
// IgnoreIndex, LabelSmoothing.
func NewCrossEntropyLoss(opts ...Option) *CrossEntropyLoss {
	const op = "nn.NewCrossEntropyLoss"
	o := applyOptions(op, options{reduction: F.ReductionMean, loss: crossEntropyOptions{ignoreIndex: -100}}, opts, "Reduction", "Weight", "IgnoreIndex", "LabelSmoothing")
	o.reduction.Check(op)
	return &CrossEntropyLoss{Reduction: o.reduction, Weight: o.loss.weight, IgnoreIndex: o.loss.ignoreIndex, LabelSmoothing: o.loss.labelSmoothing}
}

// Forward returns the loss of the scores input against the classes (or class
// probabilities) target.
func (l *CrossEntropyLoss) Forward(input, target *tensor.Tensor) *tensor.Tensor {
	checkLoss("nn.CrossEntropyLoss.Forward", l)
	return F.CrossEntropy(input, target, l.Reduction, F.Weight(l.Weight), F.IgnoreIndex(l.IgnoreIndex), F.LabelSmoothing(l.LabelSmoothing))
}

// String is "CrossEntropyLoss()", as PyTorch prints it whatever the options.
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
	checkLoss("nn.BCELoss.Forward", l)
	return F.BinaryCrossEntropy(input, target, l.Reduction)
}

// String is "BCELoss()", as PyTorch prints it.
func (l *BCELoss) String() string { return "BCELoss()" }

func lossOptions(op string, opts []Option) options {
	o := applyOptions(op, options{reduction: F.ReductionMean}, opts, "Reduction")
	o.reduction.Check(op)
	return o
}

// checkLoss panics, naming op, when the criterion itself is a nil pointer (a
// declared but never constructed loss).
func checkLoss[L any](op string, l *L) {
	if l == nil {
		panic(fmt.Sprintf("%s: the loss is a nil %T; make it with its New function", op, l))
	}
}
