package tensor

import "fmt"

type binOp uint8

const (
	opAdd binOp = iota
	opSub
	opMul
	opDiv
	opRhs // result is b (used to broadcast-copy)
)

type number interface {
	~float32 | ~float64 | ~int64 | ~int32
}

// Kernels: typed loops, one per (op, operand layout), so the hot float32 path has no
// per-element calls. vv: both vectors; vs: vector and scalar; sv: scalar and vector.
func kernVV[T number](op binOp, out, a, b []T) {
	b = b[:len(out)]
	a = a[:len(out)]
	switch op {
	case opAdd:
		for i := range out {
			out[i] = a[i] + b[i]
		}
	case opSub:
		for i := range out {
			out[i] = a[i] - b[i]
		}
	case opMul:
		for i := range out {
			out[i] = a[i] * b[i]
		}
	case opDiv:
		for i := range out {
			out[i] = a[i] / b[i]
		}
	case opRhs:
		copy(out, b)
	}
}

func kernVS[T number](op binOp, out, a []T, s T) {
	a = a[:len(out)]
	switch op {
	case opAdd:
		for i := range out {
			out[i] = a[i] + s
		}
	case opSub:
		for i := range out {
			out[i] = a[i] - s
		}
	case opMul:
		for i := range out {
			out[i] = a[i] * s
		}
	case opDiv:
		for i := range out {
			out[i] = a[i] / s
		}
	case opRhs:
		for i := range out {
			out[i] = s
		}
	}
}

func kernSV[T number](op binOp, out []T, s T, b []T) {
	b = b[:len(out)]
	switch op {
	case opAdd:
		for i := range out {
			out[i] = s + b[i]
		}
	case opSub:
		for i := range out {
			out[i] = s - b[i]
		}
	case opMul:
		for i := range out {
			out[i] = s * b[i]
		}
	case opDiv:
		for i := range out {
			out[i] = s / b[i]
		}
	case opRhs:
		copy(out, b)
	}
}

// bcastLoop applies op over out (shape oshape) with a, b broadcast by strides as, bs.
func bcastLoop[T number](op binOp, out, a, b []T, oshape, as, bs []int) {
	n := len(out)
	if n == 0 {
		return
	}
	if len(a) == n && len(b) == n {
		kernVV(op, out, a, b)
		return
	}
	if len(b) == 1 && len(a) == n {
		kernVS(op, out, a, b[0])
		return
	}
	if len(a) == 1 && len(b) == n {
		kernSV(op, out, a[0], b)
		return
	}
	r := len(oshape)
	inner := oshape[r-1]
	ia, ib := as[r-1], bs[r-1]
	// Merge trailing dims that are laid out alike in a and b, to lengthen the inner loop.
	k := r - 1
	for k > 0 {
		d := oshape[k-1]
		na, nb := as[k-1], bs[k-1]
		okA := (ia == 0 && na == 0) || (ia != 0 && na == inner*ia)
		okB := (ib == 0 && nb == 0) || (ib != 0 && nb == inner*ib)
		if !okA || !okB {
			break
		}
		inner *= d
		k--
	}
	rows := n / inner
	idx := make([]int, k)
	offA, offB := 0, 0
	for row := 0; row < rows; row++ {
		o := out[row*inner : (row+1)*inner]
		switch {
		case ia != 0 && ib != 0:
			kernVV(op, o, a[offA:offA+inner], b[offB:offB+inner])
		case ia != 0:
			kernVS(op, o, a[offA:offA+inner], b[offB])
		case ib != 0:
			kernSV(op, o, a[offA], b[offB:offB+inner])
		default:
			// Both operands are constant along this row: compute once and fill.
			var tmp [1]T
			kernVS(op, tmp[:], a[offA:offA+1], b[offB])
			for i := range o {
				o[i] = tmp[0]
			}
		}
		// advance the multi-index over dims [0, k)
		for d := k - 1; d >= 0; d-- {
			idx[d]++
			offA += as[d]
			offB += bs[d]
			if idx[d] < oshape[d] {
				break
			}
			offA -= as[d] * oshape[d]
			offB -= bs[d] * oshape[d]
			idx[d] = 0
		}
	}
}

// binary computes op(a, b) broadcast, in dtype dt (operands are cast first), without graph.
func binary(name string, op binOp, a, b *Tensor, dt DType) *Tensor {
	oshape := broadcastShapes(name, a.shape, b.shape)
	if a.dtype != dt {
		a = a.castRaw(dt)
	}
	if b.dtype != dt {
		b = b.castRaw(dt)
	}
	out := newTensor(dt, oshape)
	as := bcastStrides(a.shape, oshape)
	bs := bcastStrides(b.shape, oshape)
	if !bcastTensors(op, out, a, b, oshape, as, bs) { // Bool: computed in Int64
		tmp := newTensor(Int64, oshape)
		bcastTensors(op, tmp, a.castRaw(Int64), b.castRaw(Int64), oshape, as, bs)
		out = tmp.castRaw(Bool)
	}
	return out
}

// bcastTensors runs bcastLoop on the storages of out, a and b, all of out's dtype; it
// returns false, doing nothing, for Bool, which has no arithmetic of its own.
func bcastTensors(op binOp, out, a, b *Tensor, oshape, as, bs []int) bool {
	switch out.dtype {
	case Float32:
		bcastLoop(op, out.f32, a.f32, b.f32, oshape, as, bs)
	case Float64:
		bcastLoop(op, out.f64, a.f64, b.f64, oshape, as, bs)
	case Int64:
		bcastLoop(op, out.i64, a.i64, b.i64, oshape, as, bs)
	case Int32:
		bcastLoop(op, out.i32, a.i32, b.i32, oshape, as, bs)
	default:
		return false
	}
	return true
}

func category(d DType) int {
	switch d {
	case Bool:
		return 0
	case Int32, Int64:
		return 1
	}
	return 2
}

func rank(d DType) int {
	switch d {
	case Bool:
		return 0
	case Int32:
		return 1
	case Int64:
		return 2
	case Float32:
		return 3
	}
	return 4
}

func higher(a, b DType) DType {
	if rank(a) >= rank(b) {
		return a
	}
	return b
}

// promote is PyTorch's result type for two tensors: 0-d tensors only decide the dtype when
// they are of a higher category (bool < int < float) than the dimensioned operand.
func promote(a, b *Tensor) DType {
	za, zb := a.Dim() == 0, b.Dim() == 0
	switch {
	case za == zb:
		return higher(a.dtype, b.dtype)
	case za:
		if category(a.dtype) > category(b.dtype) {
			return defaultOf(a.dtype, b.dtype)
		}
		return b.dtype
	default:
		if category(b.dtype) > category(a.dtype) {
			return defaultOf(b.dtype, a.dtype)
		}
		return a.dtype
	}
}

// defaultOf is the dtype when a 0-d tensor of dtype z lifts a dimensioned tensor of dtype d
// into z's category: PyTorch uses the category's default (float32 / int64).
func defaultOf(z, d DType) DType {
	if category(z) == 2 {
		if z == Float64 && category(d) < 2 {
			return Float64
		}
		return Float32
	}
	return Int64
}

// scalarDType is the result dtype of t op (Python number v).
func scalarDType(t *Tensor, v float64, forceFloat bool) DType {
	integral := v == float64(int64(v))
	switch {
	case t.dtype.IsFloat():
		return t.dtype
	case forceFloat || !integral:
		return Float32
	case t.dtype == Bool:
		return Int64
	}
	return t.dtype
}

func floatResult(d DType) DType {
	if d.IsFloat() {
		return d
	}
	return Float32
}

// Add is t + o with broadcasting (AddBackward0).
func (t *Tensor) Add(o *Tensor) *Tensor {
	out := binary("Add", opAdd, t, o, promote(t, o))
	ts, os := t.shape, o.shape
	return Record("AddBackward0", out, []*Tensor{t, o}, func(g *Tensor) []*Tensor {
		return []*Tensor{sumToShape(g, ts), sumToShape(g, os)}
	})
}

// Sub is t - o with broadcasting (SubBackward0).
func (t *Tensor) Sub(o *Tensor) *Tensor {
	out := binary("Sub", opSub, t, o, promote(t, o))
	ts, os := t.shape, o.shape
	return Record("SubBackward0", out, []*Tensor{t, o}, func(g *Tensor) []*Tensor {
		return []*Tensor{sumToShape(g, ts), sumToShape(g.Neg(), os)}
	})
}

// Mul is t * o with broadcasting (MulBackward0).
func (t *Tensor) Mul(o *Tensor) *Tensor {
	out := binary("Mul", opMul, t, o, promote(t, o))
	return Record("MulBackward0", out, []*Tensor{t, o}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if t.NeedsGrad() {
			ga = sumToShape(g.Mul(o), t.shape)
		}
		if o.NeedsGrad() {
			gb = sumToShape(g.Mul(t), o.shape)
		}
		return []*Tensor{ga, gb}
	})
}

// Div is t / o with broadcasting; integer operands give float32, as PyTorch's true
// division does (DivBackward0).
func (t *Tensor) Div(o *Tensor) *Tensor {
	dt := floatResult(promote(t, o))
	out := binary("Div", opDiv, t, o, dt)
	return Record("DivBackward0", out, []*Tensor{t, o}, func(g *Tensor) []*Tensor {
		var ga, gb *Tensor
		if t.NeedsGrad() {
			ga = sumToShape(g.Div(o), t.shape)
		}
		if o.NeedsGrad() {
			// d(a/b)/db = -a/b^2 = -out/b
			gb = sumToShape(g.Mul(out).Div(o).Neg(), o.shape)
		}
		return []*Tensor{ga, gb}
	})
}

// kernScalar is out = src op v, or v op src when rev.
func kernScalar[T number](op binOp, out, src []T, v T, rev bool) {
	if rev {
		kernSV(op, out, v, src)
	} else {
		kernVS(op, out, src, v)
	}
}

// scalarOp computes t op v (or v op t when rev) without graph.
func scalarOp(t *Tensor, op binOp, v float64, dt DType, rev bool) *Tensor {
	src := t
	if src.dtype != dt {
		src = src.castRaw(dt)
	}
	out := newTensor(dt, t.shape)
	switch dt {
	case Float32:
		kernScalar(op, out.f32, src.f32, float32(v), rev)
	case Float64:
		kernScalar(op, out.f64, src.f64, v, rev)
	case Int64:
		kernScalar(op, out.i64, src.i64, int64(v), rev)
	case Int32:
		kernScalar(op, out.i32, src.i32, int32(v), rev)
	default:
		panic(fmt.Sprintf("tensor: scalar op on dtype %v (shape %v)", dt, t.shape))
	}
	return out
}

// AddScalar is t + v (AddBackward0).
func (t *Tensor) AddScalar(v float64) *Tensor {
	out := scalarOp(t, opAdd, v, scalarDType(t, v, false), false)
	return Record("AddBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g} })
}

// SubScalar is t - v (SubBackward0).
func (t *Tensor) SubScalar(v float64) *Tensor {
	out := scalarOp(t, opSub, v, scalarDType(t, v, false), false)
	return Record("SubBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g} })
}

// RSubScalar is v - t (RsubBackward1).
func (t *Tensor) RSubScalar(v float64) *Tensor {
	out := scalarOp(t, opSub, v, scalarDType(t, v, false), true)
	return Record("RsubBackward1", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g.Neg()} })
}

// MulScalar is t * v (MulBackward0).
func (t *Tensor) MulScalar(v float64) *Tensor {
	out := scalarOp(t, opMul, v, scalarDType(t, v, false), false)
	return Record("MulBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g.MulScalar(v)} })
}

// DivScalar is t / v; integer tensors give float32 (DivBackward0).
func (t *Tensor) DivScalar(v float64) *Tensor {
	out := scalarOp(t, opDiv, v, scalarDType(t, v, true), false)
	return Record("DivBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g.DivScalar(v)} })
}
