package tensor

import (
	"fmt"
	"math"
)

// torch 1.13 fills arange and linspace on the CPU with AVX2 vectors: runs of 2*w elements
// (w = 32 bytes / element size) are computed as base + k*step from each vector's first
// element, and the tail one element at a time; its compiler fuses some of the multiply-adds
// into one rounding (found by comparing with torch: testdata/gen_creation.py). The values
// differ in the last bit from a plain start + i*step, so Kosaku reproduces that order to
// print and compare exactly as PyTorch does.
// (PyTorch splits fills above 32768 elements across threads, which restarts the vector
// runs at each thread's chunk; Kosaku fills in one run, so such long ranges may differ
// from PyTorch's in the last bit.)

// vecWidth is the number of elements of dt in one 32-byte AVX2 vector.
func vecWidth(dt DType) int {
	switch dt {
	case Float32, Int32:
		return 8
	}
	return 4
}

// vecFill calls set(i, base, k) for each of n elements: base is the index of the element
// its value is computed from and k its distance to it (0 on the scalar tail).
func vecFill(n, w int, set func(i, base, k int)) {
	vecEnd := n - n%(2*w)
	for i := 0; i < n; i++ {
		if i < vecEnd {
			b := i - i%w
			set(i, b, i-b)
		} else {
			set(i, i, 0)
		}
	}
}

// Arange is a Float32 tensor start, start+step, ... below end (torch.arange with float
// arguments). Values are computed as PyTorch computes them (in float64, rounded once).
func Arange(start, end, step float64) *Tensor { return ArangeOf(Float32, start, end, step) }

// ArangeOf is Arange of dtype dt: ArangeOf(Int64, 0, 10, 2) is torch.arange(0, 10, 2).
// Integer dtypes need integral arguments.
func ArangeOf(dt DType, start, end, step float64) *Tensor {
	checkDType("ArangeOf", dt)
	if step == 0 {
		panic(fmt.Sprintf("tensor.Arange: step must be nonzero (start %v, end %v)", start, end))
	}
	if math.IsNaN(start) || math.IsNaN(end) || math.IsInf(start, 0) || math.IsInf(end, 0) {
		panic(fmt.Sprintf("tensor.Arange: unsupported range: %v -> %v", start, end))
	}
	if (step > 0 && end < start) || (step < 0 && end > start) {
		panic(fmt.Sprintf("tensor.Arange: upper bound and larger bound inconsistent with step sign (start %v, end %v, step %v)", start, end, step))
	}
	switch dt {
	case Bool:
		panic("tensor.ArangeOf: arange is not implemented for torch.bool; make an Int64 range and call .Bool()")
	case Int64, Int32:
		if start != math.Trunc(start) || end != math.Trunc(end) || step != math.Trunc(step) {
			panic(fmt.Sprintf("tensor.ArangeOf: %v needs integral start, end and step, got %v, %v, %v; use Float32", dt, start, end, step))
		}
		return ArangeInt(int64(start), int64(end), int64(step)).castRaw(dt)
	}
	n := int(math.Ceil((end - start) / step))
	t := newTensor(dt, []int{n})
	if dt == Float32 {
		vecFill(n, 8, func(i, b, k int) {
			base := float32(math.FMA(step, float64(b), start))
			t.f32[i] = float32(math.FMA(float64(k), step, float64(base)))
		})
	} else {
		vecFill(n, 4, func(i, b, k int) {
			base := math.FMA(step, float64(b), start)
			t.f64[i] = math.FMA(float64(k), step, base)
		})
	}
	return t
}

// ArangeInt is an Int64 tensor start, start+step, ... below end, like torch.arange(1, 21)
// (step defaults to 1).
func ArangeInt(start, end int64, step ...int64) *Tensor {
	st := int64(1)
	switch len(step) {
	case 0:
	case 1:
		st = step[0]
	default:
		panic(fmt.Sprintf("tensor.ArangeInt: at most one step, got %v", step))
	}
	if st == 0 {
		panic(fmt.Sprintf("tensor.ArangeInt: step must be nonzero (start %d, end %d)", start, end))
	}
	if (st > 0 && end < start) || (st < 0 && end > start) {
		panic(fmt.Sprintf("tensor.ArangeInt: upper bound and larger bound inconsistent with step sign (start %d, end %d, step %d)", start, end, st))
	}
	n := (end - start) / st
	if (end-start)%st != 0 {
		n++
	}
	t := newTensor(Int64, []int{int(n)})
	for i := range t.i64 {
		t.i64[i] = start + int64(i)*st
	}
	return t
}

// Linspace is a Float32 tensor of steps values evenly spaced from start to end inclusive
// (torch.linspace). The values are PyTorch's bit for bit: the step is computed in float32,
// the first half counts up from start and the second half down from end.
func Linspace(start, end float64, steps int) *Tensor { return LinspaceOf(Float32, start, end, steps) }

// LinspaceOf is Linspace of dtype dt (integer dtypes truncate each value, as PyTorch does).
func LinspaceOf(dt DType, start, end float64, steps int) *Tensor {
	checkDType("LinspaceOf", dt)
	if steps < 0 {
		panic(fmt.Sprintf("tensor.Linspace: number of steps must be non-negative, got %d", steps))
	}
	if dt == Bool {
		panic("tensor.LinspaceOf: linspace is not implemented for torch.bool")
	}
	t := newTensor(dt, []int{steps})
	if steps == 0 {
		return t
	}
	if steps == 1 {
		t.set(0, start)
		return t
	}
	half := steps / 2
	w := vecWidth(dt)
	switch dt {
	case Float32:
		s, e := float32(start), float32(end)
		step := (e - s) / float32(steps-1)
		vecFill(steps, w, func(i, b, k int) {
			var base float32
			if b < half {
				base = fma32(step, float32(b), s)
			} else {
				base = fma32(-step, float32(steps-b-1), e)
			}
			t.f32[i] = base + float32(float32(k)*step)
		})
	case Float64:
		step := (end - start) / float64(steps-1)
		vecFill(steps, w, func(i, b, k int) {
			var base float64
			if b < half {
				base = math.FMA(step, float64(b), start)
			} else {
				base = math.FMA(-step, float64(steps-b-1), end)
			}
			t.f64[i] = base + float64(float64(k)*step)
		})
	default:
		// Integer linspace steps in float64 and truncates each value (step_t is double).
		s, e := math.Trunc(start), math.Trunc(end)
		step := (e - s) / float64(steps-1)
		vecFill(steps, w, func(i, b, k int) {
			var base float64
			if b < half {
				base = math.Trunc(s + step*float64(b))
			} else {
				base = math.Trunc(e - step*float64(steps-b-1))
			}
			t.set(i, base+float64(k)*step)
		})
	}
	return t
}

// fma32 is x*y+z rounded once to float32, as the compiler fuses PyTorch's AVX2 kernels.
func fma32(x, y, z float32) float32 {
	return float32(math.FMA(float64(x), float64(y), float64(z)))
}
