package tensor

type cmpOp uint8

const (
	cEq cmpOp = iota
	cNe
	cLt
	cLe
	cGt
	cGe
)

func cmpF(op cmpOp, a, b float64) bool {
	switch op {
	case cEq:
		return a == b
	case cNe:
		return a != b
	case cLt:
		return a < b
	case cLe:
		return a <= b
	case cGt:
		return a > b
	}
	return a >= b
}

// compare evaluates op with broadcasting into a Bool tensor (never differentiable).
func compare(name string, op cmpOp, a, b *Tensor) *Tensor {
	oshape := broadcastShapes(name, a.shape, b.shape)
	out := newTensor(Bool, oshape)
	n := len(out.b)
	if n == 0 {
		return out
	}
	// Integer operands compare exactly as int64, broadcast or not (no float rounding of
	// values above 2^53).
	if !a.dtype.IsFloat() && !b.dtype.IsFloat() {
		ai := expandTo(a.castRaw(Int64), oshape)
		bi := expandTo(b.castRaw(Int64), oshape)
		for i := range out.b {
			x, y := ai.i64[i], bi.i64[i]
			switch op {
			case cEq:
				out.b[i] = x == y
			case cNe:
				out.b[i] = x != y
			case cLt:
				out.b[i] = x < y
			case cLe:
				out.b[i] = x <= y
			case cGt:
				out.b[i] = x > y
			default:
				out.b[i] = x >= y
			}
		}
		return out
	}
	af := expandTo(a.castRaw(Float64), oshape)
	bf := expandTo(b.castRaw(Float64), oshape)
	for i := range out.b {
		out.b[i] = cmpF(op, af.f64[i], bf.f64[i])
	}
	return out
}

func compareScalar(op cmpOp, a *Tensor, v float64) *Tensor {
	out := newTensor(Bool, a.shape)
	if a.dtype == Float32 {
		for i, x := range a.f32 {
			out.b[i] = cmpF(op, float64(x), v)
		}
		return out
	}
	for i := range out.b {
		out.b[i] = cmpF(op, a.at(i), v)
	}
	return out
}

// Eq is t == o elementwise (Bool result, broadcasting).
func (t *Tensor) Eq(o *Tensor) *Tensor { return compare("Eq", cEq, t, o) }

// Ne is t != o.
func (t *Tensor) Ne(o *Tensor) *Tensor { return compare("Ne", cNe, t, o) }

// Lt is t < o.
func (t *Tensor) Lt(o *Tensor) *Tensor { return compare("Lt", cLt, t, o) }

// Le is t <= o.
func (t *Tensor) Le(o *Tensor) *Tensor { return compare("Le", cLe, t, o) }

// Gt is t > o.
func (t *Tensor) Gt(o *Tensor) *Tensor { return compare("Gt", cGt, t, o) }

// Ge is t >= o.
func (t *Tensor) Ge(o *Tensor) *Tensor { return compare("Ge", cGe, t, o) }

// EqScalar is t == v.
func (t *Tensor) EqScalar(v float64) *Tensor { return compareScalar(cEq, t, v) }

// NeScalar is t != v.
func (t *Tensor) NeScalar(v float64) *Tensor { return compareScalar(cNe, t, v) }

// LtScalar is t < v.
func (t *Tensor) LtScalar(v float64) *Tensor { return compareScalar(cLt, t, v) }

// LeScalar is t <= v.
func (t *Tensor) LeScalar(v float64) *Tensor { return compareScalar(cLe, t, v) }

// GtScalar is t > v.
func (t *Tensor) GtScalar(v float64) *Tensor { return compareScalar(cGt, t, v) }

// GeScalar is t >= v.
func (t *Tensor) GeScalar(v float64) *Tensor { return compareScalar(cGe, t, v) }
