package functional

import (
	"fmt"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Softmax returns exp(x) / sum(exp(x)) along dim (negative counts from the end), as
// PyTorch's F.softmax(x, dim). x is float32 or float64. grad_fn: SoftmaxBackward0.
func Softmax(x *tensor.Tensor, dim int) *tensor.Tensor {
	return softmax("F.Softmax", "SoftmaxBackward0", x, dim, false)
}

// LogSoftmax returns log(Softmax(x, dim)), computed without forming the softmax so
// that very negative log-probabilities stay finite. grad_fn: LogSoftmaxBackward0.
func LogSoftmax(x *tensor.Tensor, dim int) *tensor.Tensor {
	return softmax("F.LogSoftmax", "LogSoftmaxBackward0", x, dim, true)
}

func softmax(op, name string, x *tensor.Tensor, dim int, logs bool) *tensor.Tensor {
	outer, n, inner := splitDim(op, x, dim)
	switch x.DType() {
	case tensor.Float32:
		return softmaxOf[float32](name, x, outer, n, inner, logs)
	case tensor.Float64:
		return softmaxOf[float64](name, x, outer, n, inner, logs)
	}
	panic(fmt.Sprintf("%s: input must be float32 or float64, got %v", op, x.DType()))
}

// softmaxOf is softmax for x's element type T, forward and backward.
func softmaxOf[T tensor.Float](name string, x *tensor.Tensor, outer, n, inner int, logs bool) *tensor.Tensor {
	y := tensor.ZerosLike(x)
	softmaxForward(tensor.Data[T](x), tensor.Data[T](y), outer, n, inner, logs)
	return tensor.Record(name, y, []*tensor.Tensor{x}, func(gy *tensor.Tensor) []*tensor.Tensor {
		dx := tensor.ZerosLike(x)
		softmaxBackward(tensor.Data[T](y), tensor.Data[T](gy), tensor.Data[T](dx), outer, n, inner, logs)
		return []*tensor.Tensor{dx}
	})
}

// splitDim views x as [outer, n, inner] around dim.
func splitDim(op string, x *tensor.Tensor, dim int) (outer, n, inner int) {
	shape := x.Shape()
	d := len(shape)
	if d == 0 {
		if dim != 0 && dim != -1 {
			panic(fmt.Sprintf("%s: dim %d is out of range for a 0-d tensor", op, dim))
		}
		return 1, 1, 1
	}
	if dim < -d || dim >= d {
		panic(fmt.Sprintf("%s: dim %d is out of range for shape %v", op, dim, []int(shape)))
	}
	if dim < 0 {
		dim += d
	}
	outer, inner = 1, 1
	for _, s := range shape[:dim] {
		outer *= s
	}
	for _, s := range shape[dim+1:] {
		inner *= s
	}
	return outer, shape[dim], inner
}

func softmaxForward[T tensor.Float](x, y []T, outer, n, inner int, logs bool) {
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			base := o*n*inner + i
			m := math.Inf(-1)
			for k := 0; k < n; k++ {
				m = max(m, float64(x[base+k*inner]))
			}
			var s float64
			for k := 0; k < n; k++ {
				s += math.Exp(float64(x[base+k*inner]) - m)
			}
			if logs {
				lse := m + math.Log(s)
				for k := 0; k < n; k++ {
					y[base+k*inner] = T(float64(x[base+k*inner]) - lse)
				}
				continue
			}
			for k := 0; k < n; k++ {
				y[base+k*inner] = T(math.Exp(float64(x[base+k*inner])-m) / s)
			}
		}
	}
}

// softmaxBackward: for softmax dx = y * (dy - sum(dy * y)); for log-softmax
// dx = dy - exp(y) * sum(dy).
func softmaxBackward[T tensor.Float](y, dy, dx []T, outer, n, inner int, logs bool) {
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			base := o*n*inner + i
			var s float64
			for k := 0; k < n; k++ {
				j := base + k*inner
				if logs {
					s += float64(dy[j])
				} else {
					s += float64(dy[j]) * float64(y[j])
				}
			}
			for k := 0; k < n; k++ {
				j := base + k*inner
				if logs {
					dx[j] = T(float64(dy[j]) - math.Exp(float64(y[j]))*s)
				} else {
					dx[j] = T(float64(y[j]) * (float64(dy[j]) - s))
				}
			}
		}
	}
}
