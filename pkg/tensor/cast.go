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
		convertSlice(out.f64, t.f32)
	case t.dtype == Float64 && dt == Float32:
		convertSlice(out.f32, t.f64)
	case dt == Bool:
		for i := 0; i < n; i++ {
			out.b[i] = t.at(i) != 0
		}
	case t.dtype == Int64 && dt == Int32:
		convertSlice(out.i32, t.i64)
	case t.dtype == Int64 && dt == Float32:
		convertSlice(out.f32, t.i64)
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

// convertSlice converts each value of src to dst's element type, as Go's conversion
// D(v) does (round to nearest for floats, truncating the high bits for integers).
func convertSlice[D, S number](dst []D, src []S) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = D(v)
	}
}
