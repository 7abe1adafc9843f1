// Package option holds what Kosaku's keyword arguments share. Every constructor that
// takes PyTorch-style keyword arguments (nn's layers and losses, optim's optimisers,
// F.CrossEntropy, data.TrainTestSplit) takes them the same way: variadic values of a
// package's Option type, each built by a function named after PyTorch's keyword
// (nn.Padding(1), optim.Momentum(0.9), F.LabelSmoothing(0.1), data.RandomState(0)),
// carrying its name and a func that sets it on the constructor's unexported config.
// Check gives the one message for an option passed where it does not apply.
package option

import (
	"fmt"
	"slices"
	"strings"
)

// Check panics unless name is among allowed, naming op, the option and what op takes:
// "nn.NewLinear: option Stride does not apply (it takes Bias)".
func Check(op, name string, allowed []string) {
	if !slices.Contains(allowed, name) {
		panic(fmt.Sprintf("%s: option %s does not apply (it takes %s)", op, name, strings.Join(allowed, ", ")))
	}
}
