package nn

import "github.com/kosaku-dl/kosaku/pkg/tensor"

// crossEntropyOptions are the keyword arguments only CrossEntropyLoss takes.
type crossEntropyOptions struct {
	weight         *tensor.Tensor
	ignoreIndex    int64
	labelSmoothing float64
}

// Weight gives each class of a CrossEntropyLoss a weight (PyTorch's weight=): a
// 1-D tensor of C values in the scores' dtype, e.g. to count a rare class more.
func Weight(w *tensor.Tensor) Option { return Option{"Weight", func(o *options) { o.loss.weight = w }} }

// IgnoreIndex sets a target class that CrossEntropyLoss skips: no loss, no
// gradient, not counted in the mean (PyTorch's ignore_index=, default -100).
func IgnoreIndex(i int64) Option {
	return Option{"IgnoreIndex", func(o *options) { o.loss.ignoreIndex = i }}
}

// LabelSmoothing makes CrossEntropyLoss aim at (1 - eps) * target + eps / C
// instead of the target itself (PyTorch's label_smoothing=, default 0).
func LabelSmoothing(eps float64) Option {
	return Option{"LabelSmoothing", func(o *options) { o.loss.labelSmoothing = eps }}
}
