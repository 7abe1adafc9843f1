package tensor

import (
	"fmt"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/internal/parallel"
	"github.com/kosaku-dl/kosaku/pkg/internal/vec"
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
		// Branch-free (random signs defeat branch prediction); max keeps NaN like
		// PyTorch. vec.ReLU is the same in eight lanes at once, to the bit.
		if o, ok := any(out).([]float32); ok {
			vec.ReLU(o, any(in).([]float32))
			return
		}
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
	switch {
	case out.Numel() < 2*splitGrain && t.dtype == Float32:
		unaryFloat(op, out.f32, t.f32, p)
	case out.Numel() < 2*splitGrain:
		unaryFloat(op, out.f64, t.f64, p)
	case t.dtype == Float32:
		parallel.For(len(out.f32), splitGrain, func(lo, hi int) { unaryFloat(op, out.f32[lo:hi], t.f32[lo:hi], p) })
	default:
		parallel.For(len(out.f64), splitGrain, func(lo, hi int) { unaryFloat(op, out.f64[lo:hi], t.f64[lo:hi], p) })
	}
	return out
}

// splitGrain is the element count from which an elementwise loop is split over the
// cores: a loop reading and writing float64s moves parallel.MinBytes in it. Below it
// handing half the loop to another goroutine costs more than it saves.
const splitGrain = parallel.MinBytes / 16

// Elementwise loops compute each element on its own, so their results do not depend
// on how they are split. The closure is built only for large tensors: built for every
// call, it would cost the small nets of the first chapters an allocation per op.

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
		return []*Tensor{fusedGrad(uSigmoid, g, out)}
	})
}

// ReLU is max(t, 0) (ReluBackward0).
func (t *Tensor) ReLU() *Tensor {
	out := unaryRaw(t, uReLU, 0, true)
	return Record("ReluBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{fusedGrad(uReLU, g, out)}
	})
}

// Tanh is the hyperbolic tangent (TanhBackward0).
func (t *Tensor) Tanh() *Tensor {
	out := unaryRaw(t, uTanh, 0, false)
	return Record("TanhBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		return []*Tensor{fusedGrad(uTanh, g, out)}
	})
}

// Pow is t^p for a scalar exponent (PowBackward0). Integer tensors with a non-negative
// integral exponent stay integers, as in PyTorch.
// A negative integral exponent on an integer tensor panics, as PyTorch raises "Integers
// to negative integer powers are not allowed."; integer powers are computed in integer
// arithmetic (exact above 2^53, wrapping on overflow as PyTorch's do).
func (t *Tensor) Pow(p float64) *Tensor {
	integral := p == math.Trunc(p) && !math.IsInf(p, 0)
	if !t.dtype.IsFloat() && integral && p < 0 {
		panic(fmt.Sprintf("tensor.Pow: Integers to negative integer powers are not allowed. (%v tensor of shape %v to the power %v); convert first: x.Float().Pow(%v)", t.dtype, t.shape, p, p))
	}
	var out *Tensor
	if (t.dtype == Int64 || t.dtype == Int32) && integral && p < 1<<62 {
		out = newTensor(t.dtype, t.shape)
		e := uint64(p)
		for i := 0; i < t.Numel(); i++ {
			var v int64
			if t.dtype == Int64 {
				v = t.i64[i]
			} else {
				v = int64(t.i32[i])
			}
			out.setInt(i, ipow(v, e))
		}
	} else {
		out = unaryRaw(t, uPow, p, integral && p >= 0)
	}
	return Record("PowBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
		if p == 0 {
			return []*Tensor{ZerosLike(t)}
		}
		return []*Tensor{g.Mul(unaryRaw(t, uPow, p-1, false).MulScalar(p))}
	})
}

// fusedGradLoop computes the input gradient of sigmoid, relu or tanh from the output y in
// one pass and one allocation (these sit on every hidden layer's backward path).
func fusedGradLoop[T float32 | float64](op unOp, dst, g, y []T) {
	g = g[:len(dst)]
	y = y[:len(dst)]
	switch op {
	case uSigmoid:
		for i, v := range y {
			dst[i] = g[i] * v * (1 - v)
		}
	case uReLU:
		reluGrad(dst, g, y)
	case uTanh:
		for i, v := range y {
			dst[i] = g[i] * (1 - v*v)
		}
	}
}

// reluGrad writes g where y > 0 and +0 elsewhere (a NaN output passes no gradient),
// by masking g's bits: the branch the obvious loop takes is mispredicted half the time
// on a layer's random signs, which made it seven times slower.
func reluGrad[T float32 | float64](dst, g, y []T) {
	switch d := any(dst).(type) {
	case []float32:
		vec.ReLUGrad(d, any(g).([]float32), any(y).([]float32))
	case []float64:
		g, y := any(g).([]float64)[:len(d)], any(y).([]float64)[:len(d)]
		for i, v := range y {
			var m uint64
			if v > 0 {
				m = ^uint64(0)
			}
			d[i] = math.Float64frombits(math.Float64bits(g[i]) & m)
		}
	}
}

func fusedGrad(op unOp, g, y *Tensor) *Tensor {
	g = g.castRaw(y.dtype)
	dst := EmptyGrad(y.dtype, y.shape...)
	switch {
	case dst.Numel() < 2*splitGrain && y.dtype == Float32:
		fusedGradLoop(op, dst.f32, g.f32, y.f32)
	case dst.Numel() < 2*splitGrain:
		fusedGradLoop(op, dst.f64, g.f64, y.f64)
	case y.dtype == Float32:
		parallel.For(len(dst.f32), splitGrain, func(lo, hi int) { fusedGradLoop(op, dst.f32[lo:hi], g.f32[lo:hi], y.f32[lo:hi]) })
	default:
		parallel.For(len(dst.f64), splitGrain, func(lo, hi int) { fusedGradLoop(op, dst.f64[lo:hi], g.f64[lo:hi], y.f64[lo:hi]) })
	}
	return dst
}

// ipow is v**e by squaring in wrapping int64 arithmetic.
func ipow(v int64, e uint64) int64 {
	r := int64(1)
	for e > 0 {
		if e&1 == 1 {
			r *= v
		}
		v *= v
		e >>= 1
	}
	return r
}
