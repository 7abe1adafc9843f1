package nn

import "fmt"

// Stride sets the step of a convolution or pooling window (PyTorch's stride=;
// default 1 for Conv2d, the kernel size for MaxPool2d): Stride(2) for (2, 2), or
// Stride(2, 1) for 2 rows and 1 column, PyTorch's stride=(2, 1).
func Stride(s ...int) Option {
	return Option{"Stride", func(o *options) { o.stride = append([]int{}, s...) }}
}

// Padding sets how many rows and columns are added on every side of the input:
// zeros for Conv2d, -inf for MaxPool2d (PyTorch's padding=; default 0). Padding(1)
// pads both dims by 1; Padding(1, 2) pads 1 row above and below and 2 columns left
// and right, PyTorch's padding=(1, 2).
func Padding(p ...int) Option {
	return Option{"Padding", func(o *options) { o.padding = append([]int{}, p...) }}
}

// Dilation sets the step between the taps of a Conv2d or MaxPool2d window
// (PyTorch's dilation=; default 1): Dilation(2) spreads a 3x3 kernel over 5x5
// inputs; Dilation(2, 1) spreads only its rows.
func Dilation(d ...int) Option {
	return Option{"Dilation", func(o *options) { o.dilation = append([]int{}, d...) }}
}

// The options copy their values into a non-nil slice, so that Stride() with no value
// is told apart from no Stride option and panics.

// pairOption turns the values of option name into (h, w): def when none was given,
// (v, v) for one value, (h, w) for two. tuple reports whether two were given, which
// MaxPool2d's printing keeps as PyTorch does.
func pairOption(op, name string, v []int, def [2]int) (p [2]int, tuple bool) {
	switch len(v) {
	case 0:
		if v == nil {
			return def, false
		}
	case 1:
		return [2]int{v[0], v[0]}, false
	case 2:
		return [2]int{v[0], v[1]}, true
	}
	panic(fmt.Sprintf("%s: %s takes one value or two (height, width), got %v", op, name, v))
}
