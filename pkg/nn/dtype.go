package nn

import "github.com/kosaku-dl/kosaku/pkg/tensor"

// Double converts every parameter of m to float64 in place and returns m, as
// PyTorch's model.double(): the layers then take float64 inputs (a model made
// float64 before its optimiser is created, as in PyTorch). Float makes them float32
// again (model.float()).
func Double[M Module](m M) M { return castParams(m, tensor.Float64) }

// Float converts every parameter of m to float32 in place and returns m (PyTorch's
// model.float()).
func Float[M Module](m M) M { return castParams(m, tensor.Float32) }

func castParams[M Module](m M, dt tensor.DType) M {
	for _, p := range Parameters(m) {
		if p.DType() != dt {
			p.SetDType(dt)
		}
	}
	return m
}
