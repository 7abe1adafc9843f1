package tensor_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// cube is an op of one's own: its forward computes x³ element by element and Record
// attaches the backward, 3x² times the incoming gradient.
func cube(x *tensor.Tensor) *tensor.Tensor {
	xs := x.Float64s()
	y := tensor.EmptyOf(tensor.Float64, x.Shape()...)
	for i, v := range xs {
		y.Float64s()[i] = v * v * v
	}
	return tensor.Record("CubeBackward", y, []*tensor.Tensor{x}, func(g *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{x.Mul(x).MulScalar(3).Mul(g)}
	})
}

// GradCheck tests the backward of an op written with Record against central
// differences: nil means they agree. A wrong backward (2x² here) is caught, with the
// element that differs.
func ExampleGradCheck() {
	x := tensor.New([]float64{0.5, -1, 2}, tensor.Float64)
	fmt.Println(tensor.GradCheck(func() *tensor.Tensor { return cube(x) }, []*tensor.Tensor{x}, 1e-6, 1e-6, 1e-5))

	wrong := func(x *tensor.Tensor) *tensor.Tensor {
		y := cube(x).Detach()
		return tensor.Record("WrongBackward", y, []*tensor.Tensor{x}, func(g *tensor.Tensor) []*tensor.Tensor {
			return []*tensor.Tensor{x.Mul(x).MulScalar(2).Mul(g)}
		})
	}
	fmt.Println(tensor.GradCheck(func() *tensor.Tensor { return wrong(x) }, []*tensor.Tensor{x}, 1e-6, 1e-6, 1e-5))
	// Output:
	// <nil>
	// tensor.GradCheck: input 0 (shape [3]) element 0: gradient -0.14827002584934235, numerical -0.22240503882997587
}
