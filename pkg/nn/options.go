package nn

import (
	"github.com/kosaku-dl/kosaku/pkg/internal/option"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
)

// Option is a keyword argument of a layer or loss constructor, named after
// PyTorch's: nn.NewConv2d(1, 2, 3, nn.Padding(1), nn.Bias(false)). A constructor
// given an option it does not take panics, naming both.
type Option struct {
	name  string
	apply func(*options)
}

type options struct {
	// stride, padding and dilation hold the 1 or 2 values given (nil: the
	// default); see options_conv.go.
	stride, padding, dilation []int
	bias                      bool
	reduction                 F.Reduction
	loss                      crossEntropyOptions // CrossEntropyLoss's; see options_loss.go
}

// Bias says whether Linear or Conv2d has a learnable bias (PyTorch's bias=;
// default true).
func Bias(on bool) Option { return Option{"Bias", func(o *options) { o.bias = on }} }

// Reduction sets how a loss combines per-element losses: "mean" (default), "sum"
// or "none" (PyTorch's reduction=).
func Reduction(r F.Reduction) Option {
	return Option{"Reduction", func(o *options) { o.reduction = r }}
}

// applyOptions applies opts over the defaults, panicking if one is not among allowed.
func applyOptions(op string, defaults options, opts []Option, allowed ...string) options {
	o := defaults
	for _, opt := range opts {
		option.Check(op, opt.name, allowed)
		opt.apply(&o)
	}
	return o
}
