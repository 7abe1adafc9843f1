package tensor

import (
	"fmt"
	"math"
)

type unOp uint8

const (
	uNeg unOp = iota
	uExp
	uLog
	uSqrt
	uAbs
	uSigmoid
	uReLU
	uTanh
	uPow
	uSign
	uStep // 1 where x > 0, else 0 (ReLU's derivative)
)

// unaryFloat applies op elementwise to float slices: typed loops per op, no closures.
func unaryFloat[T float32 | float64](op unOp, out, in []T, p float64) {
	in = in[:len(out)]
	switch op {
	case uNeg:
		for i, v := range in {
			out[i] = -v
		}
	case uExp:
		for i, v := range in {
			out[i] = T(math.Exp(float64(v)))
		}
	case uLog:
		for i, v := range in {
			out[i] = T(math.Log(float64(v)))
		}
	case uSqrt:
		for i, v := range in {
			out[i] = T(math.Sqrt(float64(v)))
		}
	case uAbs:
		for i, v := range in {
			if v < 0 {
				v = -v
			}
			out[i] = v
		}
	case uSigmoid:
		for i, v := range in {
			out[i] = T(1 / (1 + math.Exp(-float64(v))))
		}
	case uReLU:
		// Branch-free (random signs defeat branch prediction); max keeps NaN like PyTorch.
		for i, v := range in {
			out[i] = max(v, 0)
		}
	case uTanh:
		for i, v := range in {
			out[i] = T(math.Tanh(float64(v)))
		}
	case uPow:
		switch p {
		case 2:
			for i, v := range in {
				out[i] = v * v
			}
		case 1:
			copy(out, in)
		default:
			for i, v := range in {
				out[i] = T(math.Pow(float64(v), p))
			}
		}
	case uSign:
		for i, v := range in {
			switch {
			case v > 0:
				out[i] = 1
			case v < 0:
				out[i] = -1
			default:
				out[i] = 0
			}
		}
	case uStep:
		for i, v := range in {
			if v > 0 {
				out[i] = 1
			} else {
				out[i] = 0
			}
		}
	}
}

// unaryRaw applies op without graph; ints become float32 unless keepInt.
func unaryRaw(t *Tensor, op unOp, p float64, keepInt bool) *Tensor {
	if !t.dtype.IsFloat() {
		if keepInt && t.dtype != Bool {
			out := newTensor(t.dtype, t.shape)
			for i := 0; i < t.Numel(); i++ {
				v := t.at(i)
				switch op {
				case uNeg:
					v = -v
				case uAbs:
					v = math.Abs(v)
				case uReLU:
					v = math.Max(v, 0)
				case uPow:
					v = math.Pow(v, p)
				}
				out.set(i, v)
			}
			return out
		}
		t = t.castRaw(Float32)
	}
	out := newTensor(t.dtype, t.shape)
	if t.dtype == Float32 {
		unaryFloat(op, out.f32, t.f32, p)
	} else {
		unaryFloat(op, out.f64, t.f64, p)
	}
	return out
}

// Neg is -t (NegBackward0).
func (t *Tensor) Neg() *Tensor {
	if t.dtype == Bool {
		panic(fmt.Sprintf("tensor.Neg: negation of a bool tensor (shape %v) is not supported", t.shape))
	}
	out := unaryRaw(t, uNeg, 0, true)
	return Record("NegBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g.Neg()} })
}

// Exp is e^t (ExpBackward0).
func (t *Tensor) Exp() *Tensor {
	out := unaryRaw(t, uExp, 0, false)
	return Record("ExpBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g.Mul(out)} })
}

// Log is the natural logarithm (LogBackward0).
func (t *Tensor) Log() *Tensor {
	out := unaryRaw(t, uLog, 0, false)
	return Record("LogBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g.Div(t)} })
}

// Sqrt is the square root (SqrtBackward0).
func (t *Tensor) Sqrt() *Tensor {
	out := unaryRaw(t, uSqrt, 0, false)
	return Record("SqrtBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.Div(out.MulScalar(2))}
	})
}

// Abs is |t| (AbsBackward0).
func (t *Tensor) Abs() *Tensor {
	out := unaryRaw(t, uAbs, 0, true)
	return Record("AbsBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.Mul(unaryRaw(t, uSign, 0, false))}
	})
}

// Sigmoid is 1/(1+e^-t) (SigmoidBackward0).
func (t *Tensor) Sigmoid() *Tensor {
	out := unaryRaw(t, uSigmoid, 0, false)
	return Record("SigmoidBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		// out * (1 - out), fused per dtype
		d := newTensor(out.dtype, out.shape)
		if out.dtype == Float32 {
			for i, y := range out.f32 {
				d.f32[i] = y * (1 - y)
			}
		} else {
			for i, y := range out.f64 {
				d.f64[i] = y * (1 - y)
			}
		}
		return []*Tensor{g.Mul(d)}
	})
}

// ReLU is max(t, 0) (ReluBackward0).
func (t *Tensor) ReLU() *Tensor {
	out := unaryRaw(t, uReLU, 0, true)
	return Record("ReluBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.Mul(unaryRaw(out, uStep, 0, false))}
	})
}

// Tanh is the hyperbolic tangent (TanhBackward0).
func (t *Tensor) Tanh() *Tensor {
	out := unaryRaw(t, uTanh, 0, false)
	return Record("TanhBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{g.Mul(out.Mul(out).RSubScalar(1))}
	})
}

// Pow is t^p for a scalar exponent (PowBackward0). Integer tensors with a non-negative
// integral exponent stay integers, as in PyTorch.
func (t *Tensor) Pow(p float64) *Tensor {
	keep := p >= 0 && p == math.Trunc(p)
	out := unaryRaw(t, uPow, p, keep)
	return Record("PowBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		if p == 0 {
			return []*Tensor{ZerosLike(t)}
		}
		return []*Tensor{g.Mul(unaryRaw(t, uPow, p-1, false).MulScalar(p))}
	})
}
