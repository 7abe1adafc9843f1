package tensor

// To returns a copy converted to dt (floats to ints truncate toward zero, like PyTorch).
// Float-to-float casts are differentiable (ToCopyBackward0). Casting to the same dtype
// returns t itself, as PyTorch's .to does.
func (t *Tensor) To(dt DType) *Tensor {
	if dt == t.dtype {
		return t
	}
	out := t.convert(dt)
	if t.dtype.IsFloat() && dt.IsFloat() {
		src := t.dtype
		return Record("ToCopyBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor {
			return []*Tensor{g.convert(src)}
		})
	}
	return out
}

// castRaw converts without recording a graph (operand promotion inside ops).
func (t *Tensor) castRaw(dt DType) *Tensor {
	if t.dtype == dt {
		return t
	}
	return t.convert(dt)
}

// convert copies t's values into a new tensor of dtype dt.
func (t *Tensor) convert(dt DType) *Tensor {
	out := newTensor(dt, t.shape)
	n := t.Numel()
	switch {
	case t.dtype == Float32 && dt == Float64:
		for i, v := range t.f32 {
			out.f64[i] = float64(v)
		}
	case t.dtype == Float64 && dt == Float32:
		for i, v := range t.f64 {
			out.f32[i] = float32(v)
		}
	case dt == Bool:
		for i := 0; i < n; i++ {
			out.b[i] = t.at(i) != 0
		}
	case t.dtype == Int64 && dt == Int32:
		for i, v := range t.i64 {
			out.i32[i] = int32(v)
		}
	case t.dtype == Int64 && dt == Float32:
		for i, v := range t.i64 {
			out.f32[i] = float32(v)
		}
	default:
		for i := 0; i < n; i++ {
			out.set(i, t.at(i))
		}
	}
	return out
}

// Float is To(Float32).
func (t *Tensor) Float() *Tensor { return t.To(Float32) }

// Double is To(Float64).
func (t *Tensor) Double() *Tensor { return t.To(Float64) }

// Long is To(Int64).
func (t *Tensor) Long() *Tensor { return t.To(Int64) }

// Int is To(Int32).
func (t *Tensor) Int() *Tensor { return t.To(Int32) }

// Bool is To(Bool).
func (t *Tensor) Bool() *Tensor { return t.To(Bool) }
